using PveLint.Model;

namespace PveLint.Parsers.Tests.ModelIndex;

/// <summary>The simulation's per-scenario sets of OSD ids and node positions: they must answer as a HashSet does.</summary>
public class DenseIntSetTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 64)]
    [InlineData(3, 70)]
    [InlineData(4, 600)]
    public void Answers_as_a_hash_set_of_the_same_ids_in_ascending_order(int seed, int range)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var set = new DenseIntSet(random.Next(0, range));
            var expected = new HashSet<int>();
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                var id = random.Next(4) == 0 ? random.Next(-3, 3) * (DenseIntSet.MaxDenseId / 2 + 7) : random.Next(0, range);
                Assert.Equal(expected.Add(id), set.Add(id));
            }

            Assert.Equal(expected.Count, set.Count);
            Assert.Equal(expected.Order(), set.ToList()); // ascending, as enumerated
            int[] probes = [.. Enumerable.Range(-2, range + 4), int.MinValue, int.MaxValue, DenseIntSet.MaxDenseId + 1, -(DenseIntSet.MaxDenseId / 2 + 7)];
            foreach (var probe in probes) Assert.Equal(expected.Contains(probe), set.Contains(probe));
            int[] other = [.. Enumerable.Range(0, 5).Select(_ => random.Next(0, range))];
            Assert.Equal(expected.Overlaps(other), set.Overlaps(other));
            Assert.Equal(expected.SetEquals(other), set.SetEquals(other));
            Assert.Equal(expected.IsSubsetOf(other), set.IsSubsetOf(other));
        }
    }

    [Theory]
    [InlineData(5, 70)]
    [InlineData(6, 600)]
    public void Sets_of_the_same_ids_are_the_same_and_hash_alike_whatever_their_bitmap_size_or_order(int seed, int range)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            int[] ids = [.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => random.Next(8) == 0 ? -random.Next(1, 5) : random.Next(0, range))];
            var a = Of(ids, random.Next(0, range));
            var b = Of([.. ids.Reverse()], random.Next(0, 2 * range));   // another bitmap length, another order
            Assert.True(a.SameIds(b));
            Assert.True(b.SameIds(a));
            Assert.Equal(a.IdsHash(), b.IdsHash());

            // One id more, or one swapped for another, is another set.
            var extra = random.Next(-5, range + 70);
            if (!ids.Contains(extra)) Assert.False(a.SameIds(Of([.. ids, extra], range)));
            if (ids.Length > 0 && !ids.Contains(extra)) Assert.False(a.SameIds(Of([.. ids.Skip(1), extra], range)));
        }
    }

    private static DenseIntSet Of(int[] ids, int maxId)
    {
        var set = new DenseIntSet(maxId);
        foreach (var id in ids) set.Add(id);
        return set;
    }
}
