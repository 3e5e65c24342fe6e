using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Ceph;

/// <summary>Ceph dumps under ceph/, recognised by content: CRUSH text/JSON, mon dump, osd dump. (stub)</summary>
public static class CephDumpReader
{
    public static CephModel Read(IReadOnlyList<SourceFile> files, BindContext context) => CephModel.Empty;
}
