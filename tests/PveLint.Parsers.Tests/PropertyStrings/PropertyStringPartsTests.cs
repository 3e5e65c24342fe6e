using PveLint.PropertyStrings;
using PveLint.Text;

namespace PveLint.Parsers.Tests.PropertyStrings;

/// <summary>Parts is the split behind Parse, for readers that need a few values: both must see the same parts.</summary>
public class PropertyStringPartsTests
{
    [Fact]
    public void Parts_are_the_items_and_problems_of_parse_on_generated_strings()
    {
        const string alphabet = "ab=,, =xy\t";
        var random = new Random(14);
        for (var round = 0; round < 5000; round++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 16)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var (items, problems, _) = PropertyString.Parse(new SourceFile("x", text), 0, text);

            var fromParts = new List<(string? Key, string Value)>();
            var broken = 0;
            foreach (var part in PropertyString.Parts(text))
            {
                if (part.Broken) broken++;
                else fromParts.Add((part.Keyed ? part.Key.ToString() : null, part.Value.ToString()));
            }
            Assert.Equal(items.Select(i => (i.Key?.Value, i.Value.Value)), fromParts);
            Assert.Equal(problems.Length, broken);
        }
    }

    [Fact]
    public void A_disk_value_splits_into_its_volume_and_options()
    {
        var parts = new List<string>();
        foreach (var part in PropertyString.Parts("local-zfs:vm-100-disk-0,iothread=1,,size=32G")) parts.Add($"{part.Key}|{part.Value}|{part.Offset}");
        Assert.Equal(["|local-zfs:vm-100-disk-0|0", "iothread|1|24", "size|32G|36"], parts);
    }
}
