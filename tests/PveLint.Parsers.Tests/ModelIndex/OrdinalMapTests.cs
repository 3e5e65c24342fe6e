using PveLint.Model;

namespace PveLint.Parsers.Tests.ModelIndex;

public class OrdinalMapTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]   // the last size searched key by key
    [InlineData(17)]   // the first with a hash index
    [InlineData(300)]
    public void Answers_as_a_dictionary_of_the_same_pairs_does_and_keeps_their_order(int count)
    {
        var random = new Random(count);
        var source = new Dictionary<string, int>(StringComparer.Ordinal);
        while (source.Count < count) source.TryAdd($"k{random.Next(0, count * 4)}", source.Count);

        var map = OrdinalMap<int>.From(source);

        Assert.Equal(source.ToList(), map.ToList());
        Assert.Equal(source.Keys, map.Keys);
        Assert.Equal(source.Values, map.Values);
        Assert.Equal(count, map.Count);
        for (var k = -2; k < count * 4 + 2; k++)
        {
            var key = $"k{k}";
            Assert.Equal(source.TryGetValue(key, out var expected), map.TryGetValue(key, out var actual));
            Assert.Equal(expected, actual);
            Assert.Equal(source.ContainsKey(key), map.ContainsKey(key));
        }
    }

    [Fact]
    public void Keys_compare_ordinally_and_a_missing_key_is_named()
    {
        var map = OrdinalMap<string>.From(new Dictionary<string, string> { ["Name"] = "web", ["ide2"] = "none" });

        Assert.False(map.ContainsKey("name"));
        Assert.Equal("none", map["ide2"]);
        Assert.Contains("'name'", Assert.Throws<KeyNotFoundException>(() => map["name"]).Message);
        Assert.Same(OrdinalMap<string>.Empty, OrdinalMap<string>.From(new Dictionary<string, string>()));
    }
}
