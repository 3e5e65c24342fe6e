using PveLint.Analysis.Quorum;

namespace PveLint.Parsers.Tests.Analysis.Quorum;

/// <summary>qnetd's decisions hold node ids in a NodeIdSet: it must answer as a HashSet of the same ids does.</summary>
public class NodeIdSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Answers_as_a_hash_set_of_the_same_ids(int seed)
    {
        var random = new Random(seed);
        int[] Ids() => [.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => random.Next(1, 16))];
        for (var round = 0; round < 500; round++)
        {
            var (a, b) = (Ids(), Ids());
            var set = NodeIdSet.Of(a);
            var expected = a.ToHashSet();

            Assert.Equal(expected.Order(), set);
            Assert.Equal(expected.Count, set.Count);
            Assert.Equal(expected.Count == 0, set.IsEmpty);
            for (var id = 0; id < 17; id++) Assert.Equal(expected.Contains(id), set.Contains(id));
            Assert.Equal(expected.Overlaps(b), set.Overlaps(b));
            Assert.Equal(expected.SetEquals(b), set.SetEquals(b));
            Assert.Equal(expected.Union(b).Order(), set.Union(b));
            Assert.Equal(expected.Intersect(b).Order(), set.Intersect(b));
            Assert.Equal(expected.Except(b).Order(), set.Except(b));
        }
    }

    [Fact]
    public void Repeats_count_once_when_sets_are_compared()
    {
        var set = NodeIdSet.Of([1, 2, 3]);

        Assert.False(set.SetEquals([1, 1, 2]));
        Assert.True(set.SetEquals([3, 2, 1, 1]));
        Assert.Same(NodeIdSet.Empty, NodeIdSet.Of([]));
    }
}
