using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.HighAvailability;

/// <summary>ha/manager_status JSON → current placement. (stub)</summary>
public static class ManagerStatusReader
{
    public static ManagerStatus? Read(SourceFile file, BindContext context) => null;
}
