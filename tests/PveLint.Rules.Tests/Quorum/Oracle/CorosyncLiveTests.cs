using System.Diagnostics;
using System.Text.Json.Nodes;
using PveLint.Tests;
using Xunit.Abstractions;

namespace PveLint.Rules.Tests.Quorum.Oracle;

/// <summary>
/// The recorded corosync verdicts again, live: CI installs corosync and sets PVELINT_COROSYNC_LIVE=1 (.ci/run). At
/// least 200 of the inputs go through <c>corosync -t</c> now (through ../shared/oracles/corosync-startup/coro_oracle.py
/// --no-daemon, which gives each run the host a PVE node would be), and each must stop at the recorded stage: refused
/// where the parser or the totem/logging checks refused, accepted where corosync got further. So a corosync that
/// drifts from the recorded one fails here, in either direction, and the comparison with pvelint stays honest.
/// </summary>
public class CorosyncLiveTests(ITestOutputHelper output)
{
    [CorosyncLiveFact]
    public void At_least_200_recorded_files_get_the_same_corosync_t_verdict_now()
    {
        var verdicts = CorosyncOracleTests.Verdicts(CorosyncOracleTests.DataDir)
            .Where(v => (string)v["corosync"]!["verdict"]! != "host")
            .Where((_, i) => i % 4 == 0) // a quarter of every kind: the kinds are interleaved in file order
            .Take(240).ToList();
        Assert.True(verdicts.Count >= 200, $"only {verdicts.Count} recorded files to re-run");
        var files = verdicts.Select(v => Path.Combine(CorosyncOracleTests.DataDir, "inputs", (string)v["file"]!)).ToList();

        var live = RunCorosyncT(files);
        var different = new List<string>();
        foreach (var verdict in verdicts)
        {
            var name = (string)verdict["file"]!;
            var stage = (string?)verdict["corosync"]!["stage"];
            var recordedRefusal = stage is "parser" or "config";
            if (!live.TryGetValue(name, out var now)) { different.Add($"{name}: no live result"); continue; }
            if (now.Refused != recordedRefusal)
                different.Add($"{name}: recorded {(recordedRefusal ? "refused" : "passed")} corosync -t ({verdict["corosync"]!["reason"]}), now {(now.Refused ? "refused" : "passed")} ({now.Reason})");
        }
        output.WriteLine($"corosync -t re-ran {live.Count} of {verdicts.Count} recorded files; {different.Count} differ.");
        foreach (var d in different) output.WriteLine(d);
        Assert.Empty(different);
    }

    private static Dictionary<string, (bool Refused, string Reason)> RunCorosyncT(List<string> files)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CorosyncLiveFactAttribute.OraclePath);
        start.ArgumentList.Add("--no-daemon");
        foreach (var f in files) start.ArgumentList.Add(f);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var results = new Dictionary<string, (bool, string)>(StringComparer.Ordinal);
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var r = JsonNode.Parse(line)!.AsObject();
            var t = r["t"]!;
            var text = ((string?)t["stderr"] ?? "") + ((string?)t["syslog"] ?? "");
            results[Path.GetFileName((string)r["file"]!)] = ((int)t["rc"]! != 0, text.Trim().Split('\n')[0]);
        }
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"coro_oracle.py failed: {stderr.Result}");
        return results;
    }
}

/// <summary>A fact that runs only when PVELINT_COROSYNC_LIVE=1, corosync and the oracle script are there and we are root; it says why otherwise.</summary>
public sealed class CorosyncLiveFactAttribute : FactAttribute
{
    public static string OraclePath => Path.Combine(TestPaths.Shared, "oracles", "corosync-startup", "coro_oracle.py");

    public CorosyncLiveFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PVELINT_COROSYNC_LIVE") != "1")
            Skip = "live corosync -t run: set PVELINT_COROSYNC_LIVE=1 (.ci/run does) to re-run the recorded corosync.conf inputs against the installed corosync";
        else if (!File.Exists("/usr/sbin/corosync"))
            Skip = "corosync is not installed (apt-get install corosync); the recorded verdicts are still compared";
        else if (!Environment.IsPrivilegedProcess)
            Skip = "the live corosync -t run needs root (coro_oracle.py gives each run its own network, mount and UTS namespace); the recorded verdicts are still compared";
        else if (!File.Exists(OraclePath))
            Skip = $"{OraclePath} is missing (../shared beside the clone); the recorded verdicts are still compared";
    }
}
