using PveLint.Text;

namespace PveLint.Parsers.Tests.Text;

/// <summary>The one "did you mean" helper: near misses only, and no guess when the nearest is not unique.</summary>
public class EditDistanceTests
{
    [Theory]
    [InlineData("pvee2", "pve2")]
    [InlineData("PVE2", "pve2")] // PVE node names are case-sensitive: a case slip is the best guess
    [InlineData("tank-fats", "tank-fast")]
    [InlineData("unused-supression", "unused-suppression")]
    public void A_near_miss_gets_the_nearest_candidate(string name, string expected)
    {
        Assert.Equal(expected, EditDistance.Closest(name, ["pve1", "pve2", "pve3", "tank-fast", "local", "unused-suppression"]));
    }

    [Theory]
    [InlineData("pve9")] // one edit from pve1, pve2 and pve3: ambiguous
    [InlineData("pve2")] // exists
    [InlineData("ab")] // too short for any edit to be a typo
    [InlineData("storage-x")] // far from everything
    public void No_guess_when_nothing_is_near_or_the_nearest_is_not_unique(string name)
    {
        Assert.Null(EditDistance.Closest(name, ["pve1", "pve2", "pve3", "ac", "local"]));
    }

    [Fact]
    public void DidYouMean_quotes_the_candidate_or_adds_nothing()
    {
        Assert.Equal(" (did you mean 'local'?)", EditDistance.DidYouMean("locall", ["local", "pve1"]));
        Assert.Equal("", EditDistance.DidYouMean("nas", ["local", "pve1"]));
    }
}
