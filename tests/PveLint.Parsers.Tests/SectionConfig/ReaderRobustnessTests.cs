using System.Text;
using CsCheck;
using PveLint.Binding;
using PveLint.Datacenter;
using PveLint.Diagnostics;
using PveLint.HighAvailability;
using PveLint.Model;
using PveLint.SectionConfig;
using PveLint.Tests;
using PveLint.Text;

namespace PveLint.Parsers.Tests.SectionConfig;

/// <summary>
/// No input makes a section-config or datacenter.cfg reader throw, hang or point outside the file: random text,
/// mutations of every corpus file of these formats, and 20 MB inputs.
/// </summary>
public class ReaderRobustnessTests
{
    private static readonly (string Path, Action<SourceFile, BindContext> Read)[] Readers =
    [
        ("etc/pve/storage.cfg", (f, c) => StorageReader.Read(f, c)),
        ("etc/pve/replication.cfg", (f, c) => ReplicationReader.Read(f, c)),
        ("etc/pve/ha/resources.cfg", (f, c) => HaConfigReader.ReadResources(f, c)),
        ("etc/pve/ha/groups.cfg", (f, c) => HaConfigReader.ReadGroups(f, c)),
        ("etc/pve/ha/rules.cfg", (f, c) => HaConfigReader.ReadRules(f, c)),
        ("etc/pve/datacenter.cfg", (f, c) => DatacenterReader.Read(f, c)),
        ("etc/pve/jobs.cfg", (f, c) => JobsReader.Read(f, c)),
        ("etc/pve/user.cfg", (f, c) => PveLint.AccessControl.PoolReader.Read(f, c)),
    ];

    /// <summary>Characters that build the structures these formats care about.</summary>
    private const string Alphabet = "\n\n\n\t\t  ::,,;#=-_./%0123456789abcdefvmnodestrictdisable\r\u00a0é";

    private static void ReadEverywhere(string text) => ReadEverywhere(text, TargetRelease.Pve90, TargetRelease.Pve92);

    private static void ReadEverywhere(string text, params TargetRelease[] targets)
    {
        foreach (var (path, read) in Readers)
        {
            var file = new SourceFile(path, text);
            foreach (var target in targets)
            {
                var context = new BindContext(target);
                read(file, context);
                context.AssertSpansInside(file);
            }
        }
    }

    [Fact]
    public void Random_strings_never_throw_and_spans_stay_inside()
    {
        Gen.String.Sample(ReadEverywhere, iter: 300);
        Gen.Char[Alphabet].Array[0, 600].Select(chars => new string(chars)).Sample(ReadEverywhere, iter: 1500);
    }

    public static readonly string[] CorpusFiles = CorpusInventoryTests.SectionConfigAndDatacenterFiles;

    [SharedFact]
    public void Mutated_corpus_files_never_throw_and_spans_stay_inside()
    {
        var texts = CorpusFiles.Select(f => File.ReadAllText(Path.Combine(TestPaths.PveCorpus, f))).ToArray();
        var mutation = Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Char[Alphabet]);
        Gen.Select(Gen.Int[0, texts.Length - 1], mutation.Array[1, 12])
            .Select(t => Mutate(texts[t.Item1], t.Item2))
            .Sample(ReadEverywhere, iter: 600);
    }

    private static string Mutate(string text, (int Kind, int Position, char Char)[] mutations)
    {
        var sb = new StringBuilder(text);
        foreach (var (kind, position, c) in mutations)
        {
            var at = sb.Length == 0 ? 0 : position % (sb.Length + 1);
            switch (kind)
            {
                case 0: sb.Insert(at, c); break;
                case 1: if (at < sb.Length) sb.Remove(at, Math.Min(1 + position % 7, sb.Length - at)); break;
                case 2: sb.Insert(at, '\n'); break;
                case 3: if (at < sb.Length) sb[at] = c; break;
                case 4:
                    // Duplicate the line at the position (duplicate keys and sections).
                    var s = sb.ToString();
                    var start = at == 0 ? 0 : s.LastIndexOf('\n', Math.Min(at, s.Length) - 1) + 1;
                    var end = s.IndexOf('\n', Math.Min(at, s.Length));
                    var line = s[start..(end < 0 ? s.Length : end + 1)];
                    sb.Insert(start, line.EndsWith('\n') ? line : line + "\n");
                    break;
                default:
                    // Delete a line break: glues a header to the line above (swallowed sections).
                    var nl = sb.ToString().IndexOf('\n', Math.Min(at, sb.Length));
                    if (nl >= 0) sb.Remove(nl, 1);
                    break;
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Twenty_megabytes_of_sections_are_read()
    {
        var sb = new StringBuilder(21 * 1024 * 1024);
        for (var i = 0; sb.Length < 20 * 1024 * 1024; i++)
            sb.Append("dir: store").Append(i).Append("\n\tpath /srv/").Append(i).Append("\n\tcontent images,iso\n\tshared 1\n\n");
        var file = new SourceFile("etc/pve/storage.cfg", sb.ToString());
        var context = new BindContext();

        var storages = StorageReader.Read(file, context);

        Assert.True(storages.Length > 300_000);
        Assert.Empty(context.Diagnostics);
    }

    /// <summary>One reader per code path: the generic scanner and binder, replication's header shape, the HA readers, datacenter.cfg.</summary>
    private static readonly string[] HugeInputReaders = ["etc/pve/storage.cfg", "etc/pve/replication.cfg", "etc/pve/ha/rules.cfg", "etc/pve/datacenter.cfg"];

    private static void ReadOnce(string path, string text, Action<BindContext>? check = null)
    {
        var read = Readers.Single(r => r.Path == path).Read;
        var file = new SourceFile(path, text);
        var context = new BindContext();
        read(file, context);
        context.AssertSpansInside(file);
        check?.Invoke(context);
    }

    [Fact]
    public void Twenty_megabytes_of_junk_report_a_bounded_number_of_diagnostics()
    {
        var junk = new StringBuilder(21 * 1024 * 1024);
        while (junk.Length < 20 * 1024 * 1024) junk.Append("junk line\n\tkey value\nnode-affinity: r1\n\tnodes a\n\tnodes b\nlocal: 100-0\n");
        var text = junk.ToString();
        foreach (var path in HugeInputReaders)
            ReadOnce(path, text, context => Assert.InRange(context.Diagnostics.Count, 1, 6 * DiagnosticBudget.DefaultPerIdLimit));
    }

    [Fact]
    public void One_twenty_megabyte_line_is_read()
    {
        var value = new string('a', 20 * 1024 * 1024);
        var section = "node-affinity: " + value + "\n\tresources vm:" + value + "\n\tnodes " + value + "\n\tnodes x\n";
        ReadOnce("etc/pve/ha/rules.cfg", section);
        ReadOnce("etc/pve/storage.cfg", section);
        ReadOnce("etc/pve/datacenter.cfg", "crs: ha=" + value + "," + value + "\n");
    }

    [Fact]
    public void Twenty_megabytes_of_bad_pools_and_jobs_report_a_bounded_number_of_diagnostics()
    {
        var pools = new StringBuilder(21 * 1024 * 1024);
        for (var i = 0; pools.Length < 20 * 1024 * 1024; i++) pools.Append("pool:p").Append(i % 1000).Append("::x1,").Append(100 + i % 5000).Append("::\npool:bad name::1:\n");
        ReadOnce("etc/pve/user.cfg", pools.ToString(), context => Assert.InRange(context.Diagnostics.Count, 1, 3 * DiagnosticBudget.DefaultPerIdLimit + 3));
        var jobs = "vzdump: big\n\tschedule " + new string('1', 20 * 1024 * 1024) + "\n\tvmid " + string.Join(",", Enumerable.Range(100, 100_000)) + "\n";
        ReadOnce("etc/pve/jobs.cfg", jobs, context => Assert.InRange(context.Diagnostics.Count, 1, 4));
    }
}
