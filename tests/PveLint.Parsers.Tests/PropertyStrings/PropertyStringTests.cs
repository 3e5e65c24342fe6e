using CsCheck;
using PveLint.PropertyStrings;
using PveLint.Text;

namespace PveLint.Parsers.Tests.PropertyStrings;

public class PropertyStringTests
{
    [Fact]
    public void Splits_keys_and_values_with_exact_spans()
    {
        var file = new SourceFile("etc/pve/datacenter.cfg", "crs: ha=static,ha-rebalance-on-start=1\n");
        var (items, problems, _) = PropertyString.Parse(file, 5, "ha=static,ha-rebalance-on-start=1");

        Assert.Empty(problems);
        Assert.Collection(items,
            i => { Assert.Equal("ha", i.Key!.Value); Assert.Equal("static", i.Value.Value); Assert.Equal((1, 6), (i.Key.Span.Line, i.Key.Span.Column)); Assert.Equal(9, i.Value.Span.Column); },
            i => { Assert.Equal("ha-rebalance-on-start", i.Key!.Value); Assert.Equal("1", i.Value.Value); Assert.Equal(38, i.Value.Span.Column); });
    }

    [Fact]
    public void Bare_value_is_for_the_default_key_and_value_keeps_later_equals_signs()
    {
        var items = PropertyString.Parse("local-lvm:vm-100-disk-0,size=32G,serial=a=b");
        Assert.Null(items[0].Key);
        Assert.Equal("local-lvm:vm-100-disk-0", items[0].Value.Value);
        Assert.Equal("a=b", items[2].Value.Value);
    }

    [Fact]
    public void Empty_parts_are_skipped_and_empty_values_are_problems()
    {
        var file = new SourceFile("x", "a=1,,b=,=c");
        var (items, problems, spans) = PropertyString.Parse(file, 0, file.Text);
        Assert.Single(items);
        Assert.Equal(["'b=' has no value", "'=c' has no key before '='"], problems.ToArray());
        Assert.Equal(6, spans[0].Column);
    }

    [Fact]
    public void Never_throws_and_spans_stay_inside_the_text()
    {
        Gen.String.Sample(s =>
        {
            var file = new SourceFile("x", s);
            var (items, _, spans) = PropertyString.Parse(file, 0, s);
            foreach (var span in items.Select(i => i.Span).Concat(spans))
                SpanInvariants.AssertInside(file, span);
        }, iter: 2000);
    }
}
