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

    [Theory]
    [InlineData(5, 1)]
    [InlineData(16, 2)]
    [InlineData(40, 3)]
    public void A_builder_sets_in_place_and_adds_at_the_end_as_a_dictionary_does(int keys, int seed)
    {
        // A Dictionary that is never removed from enumerates in first-insertion order, and an overwrite keeps the
        // key's place: what guest sections (Set: the last value wins) and section properties (TryAdd: the first) need.
        var random = new Random(seed);
        var builder = new OrdinalMap<int>.Builder(random.Next(0, 4));
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var step = 0; step < keys * 4; step++)
        {
            var key = $"k{random.Next(keys)}";
            if (random.Next(2) == 0)
            {
                builder.Set(key, step);
                expected[key] = step;
            }
            else
            {
                Assert.Equal(expected.TryAdd(key, step), builder.TryAdd(key, step));
            }
            Assert.Equal(expected.Count, builder.Count);
            Assert.Equal(expected.ContainsKey(key), builder.ContainsKey(key));
            Assert.True(builder.TryGetValue(key, out var value));
            Assert.Equal(expected[key], value);
        }

        var map = builder.ToMap();
        Assert.Equal(expected.ToList(), map.ToList());
        foreach (var (key, value) in expected) Assert.Equal(value, map[key]);
        Assert.False(map.ContainsKey("missing"));
    }

    [Fact]
    public void A_builder_used_again_after_a_reset_to_less_room_grows_and_leaves_earlier_maps_alone()
    {
        var builder = new OrdinalMap<int>.Builder(8);
        for (var i = 0; i < 8; i++) builder.Set($"k{i}", i);
        var first = builder.ToMap();

        builder.Reset(1); // the key array stays (eight slots), the values get one: adding more must grow them apart
        for (var i = 0; i < 20; i++) builder.Set($"n{i}", 100 + i);
        var second = builder.ToMap();

        builder.Reset(2);
        for (var i = 0; i < 8; i++) builder.Set($"k{i}", 50 + i); // the same keys as the first map: shared key array
        var third = builder.ToMap();

        Assert.Equal(Enumerable.Range(0, 8).Select(i => KeyValuePair.Create($"k{i}", i)), first);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => KeyValuePair.Create($"n{i}", 100 + i)), second);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => KeyValuePair.Create($"k{i}", 50 + i)), third);
        Assert.Equal(19 + 100, second["n19"]);
    }

    [Fact]
    public void A_map_over_a_list_of_the_same_values_shares_it_and_the_builder_keeps_its_own_array()
    {
        string[] values = ["a", "b", "c", "extra"]; // a parser's entries: the last one is no keyed value
        var builder = new OrdinalMap<string>.Builder(4);
        for (var i = 0; i < 3; i++) builder.Set($"k{i}", values[i]);
        var shared = builder.ToMapOver(values)!;
        Assert.Equal([KeyValuePair.Create("k0", "a"), KeyValuePair.Create("k1", "b"), KeyValuePair.Create("k2", "c")], shared);

        // The builder's array serves the next map; the shared one is left alone.
        builder.Reset(4);
        builder.Set("x", "x0");
        builder.Set("y", "y0");
        builder.Set("x", "x1"); // a repeated key: the values are no longer the list in order
        Assert.Null(builder.ToMapOver(["x0", "y0", "x1"]));
        var own = builder.ToMap();
        Assert.Equal([KeyValuePair.Create("x", "x1"), KeyValuePair.Create("y", "y0")], own);
        Assert.Equal(["a", "b", "c", "extra"], values);
        Assert.Equal("c", shared["k2"]);

        // Handed over by ToMap, the array is neither cleared nor written by the next map.
        builder.Reset(2);
        builder.Set("x", "x2");
        Assert.Equal("x2", builder.ToMapOver(["x2"])!["x"]);
        Assert.Equal([KeyValuePair.Create("x", "x1"), KeyValuePair.Create("y", "y0")], own);
        Assert.Null(builder.ToMapOver([])); // fewer values than keys
    }

    [Fact]
    public void An_empty_builder_gives_the_empty_map() => Assert.Same(OrdinalMap<int>.Empty, new OrdinalMap<int>.Builder(8).ToMap());
}
