using PveLint.Model;

namespace PveLint.Binding;

/// <summary>
/// A reader run on another thread with its own recorder (<see cref="BindContext.Recorder"/>); <see cref="Join"/>
/// hands its diagnostics to the real context, so joining in file order gives the same diagnostics, capped the same
/// way, as reading one file after the other. Large files (HA resources and rules, replication jobs) are read
/// while the guest configs are.
/// </summary>
internal sealed class DeferredRead<T>
{
    private readonly BindContext _recorder;
    private readonly Task<T> _read;

    private DeferredRead(TargetRelease target, Func<BindContext, T> read)
    {
        _recorder = BindContext.Recorder(target);
        _read = Task.Run(() => read(_recorder));
    }

    public static DeferredRead<T> Start(TargetRelease target, Func<BindContext, T> read) => new(target, read);

    /// <summary>The reader's result, after its diagnostics went to <paramref name="context"/>; its exception, as thrown, if it failed.</summary>
    public T Join(BindContext context)
    {
        var result = _read.GetAwaiter().GetResult();
        context.ReportAll(_recorder.Recorded);
        return result;
    }
}
