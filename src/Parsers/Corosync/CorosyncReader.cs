using PveLint.Binding;
using PveLint.Corosync.Syntax;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Corosync;

/// <summary>
/// Parses corosync.conf and binds it to <see cref="CorosyncModel"/>: the syntax as corosync 3.1 reads it
/// (<see cref="CorosyncParser"/>), the per-line checks of its parser and the unknown keys
/// (<see cref="CorosyncKeyChecks"/>), where PVE's own parser reads the text differently
/// (<see cref="PveParserComparison"/>), and the checks corosync, votequorum and corosync-qdevice make before they
/// start (<see cref="CorosyncStartupChecks"/>). The model is the merged configuration corosync would use.
/// </summary>
public static class CorosyncReader
{
    public static CorosyncModel? Read(SourceFile file, BindContext context)
    {
        var document = CorosyncParser.Parse(file);
        context.ReportAll(document.Diagnostics);
        var pve = PveCorosyncReading.Of(file);
        var pveDeathReported = CorosyncKeyChecks.Check(document, pve, context);
        PveParserComparison.Check(document, pve, pveDeathReported, context);
        var view = new CorosyncConfigView(document);
        var model = CorosyncModelBuilder.Build(file.Path, view);
        CorosyncStartupChecks.Check(document, view, model, context);
        return model;
    }
}
