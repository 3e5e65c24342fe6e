using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Corosync;

/// <summary>Parses corosync.conf and binds it to <see cref="CorosyncModel"/>. (stub: to be implemented)</summary>
public static class CorosyncReader
{
    public static CorosyncModel? Read(SourceFile file, BindContext context) => null;
}
