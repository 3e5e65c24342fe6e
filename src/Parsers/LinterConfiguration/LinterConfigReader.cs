using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.LinterConfiguration;

/// <summary>.pvelint.yaml. (stub)</summary>
public static class LinterConfigReader
{
    public static LinterConfig Read(SourceFile file, BindContext context) => LinterConfig.Empty with { Path = file.Path };
}
