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
}
