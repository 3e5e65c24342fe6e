using PveLint.Binding;
using PveLint.Diagnostics;
using PveLint.HighAvailability;
using PveLint.Model;
using PveLint.SectionConfig.Schema;
using PveLint.Text;
using static PveLint.Parsers.Tests.ReaderTestKit;

namespace PveLint.Parsers.Tests.SectionConfig;

/// <summary>
/// One minimal case per class of issue 7 where pvelint read an HA section-config file differently from PVE 9.1's
/// own parser (each checked against that parser; the broad comparison is Oracle/HaSectionConfigOracleTests).
/// </summary>
public class HaParserFidelityTests
{
    private static (List<HaGroup> Groups, BindContext Context) Groups(string text)
    {
        var context = Context();
        return (HaConfigReader.ReadGroups(Inline("etc/pve/ha/groups.cfg", text), context).ToList(), context);
    }

    private static (List<HaResource> Resources, BindContext Context) Resources(string text)
    {
        var context = Context();
        return (HaConfigReader.ReadResources(Inline("etc/pve/ha/resources.cfg", text), context).ToList(), context);
    }

    [Fact]
    public void A_byte_order_mark_stays_part_of_the_first_header_so_pve_drops_that_section()
    {
        var text = TextDecoding.DecodeAsPveReads([0xEF, 0xBB, 0xBF, .. "group: g1\n\tnodes n1\n\ngroup: g2\n\tnodes n1\n"u8]).Text!;

        var (groups, context) = Groups(text);

        Assert.Equal(["g2"], groups.Select(g => g.Id.Value));
        context.Single(DiagnosticIds.UnknownKey).AssertAt(1, 1);
        Assert.Contains("('unsupported type')", context.Diagnostics[0].Message);
    }

    [Fact]
    public void Ids_are_ascii_so_the_kelvin_sign_is_not_a_k()
    {
        Assert.NotNull(PveFormats.ConfigId.Check("\u212Avm", default));
        Assert.Null(PveFormats.ConfigId.Check("Kvm", default));

        var (groups, context) = Groups("group: \u212Avm\n\tnodes n1\n");

        Assert.Empty(groups);
        context.Single(DiagnosticIds.InvalidValue).AssertAt(1, 8);
    }

    [Fact]
    public void A_lone_carriage_return_does_not_end_a_line_so_later_lines_keep_pves_numbers()
    {
        var (groups, context) = Groups("group: g1\n\tnodes n1\n\tcomment a\rb\n\tbogus 1\n");

        Assert.Single(groups);
        // PVE: line 3 'property contains a line feed', line 4 'unknown property type'.
        Assert.Equal([(DiagnosticIds.InvalidValue, 3, 11), (DiagnosticIds.UnknownKey, 4, 2)], context.Positions());
        Assert.Equal(3, new SourceFile("etc/pve/ha/groups.cfg", "a\rb\nc\r\nd").LineCount);
        Assert.Equal(4, new SourceFile("etc/pve/.pvelint.yaml", "a\rb\nc\r\nd").LineCount);
    }

    [Fact]
    public void Lines_inside_a_section_pve_skips_are_consumed_without_a_word()
    {
        var (groups, context) = Groups("service: g1\n\tnodes n1\njunk\ngroup: swallowed\n\ngroup: g2\n\tnodes n1\n");

        Assert.Equal(["g2"], groups.Select(g => g.Id.Value));
        Assert.Equal([(DiagnosticIds.UnknownKey, 1, 1)], context.Positions());
    }

    [Fact]
    public void A_repeated_type_line_is_a_duplicate_attribute_and_another_type_an_unexpected_property()
    {
        var (groups, context) = Groups("group: g1\n\tnodes n1\n\ttype group\n\ttype group\n\ngroup: g2\n\tnodes n1\n\ttype vm\n");

        Assert.Equal(["g1", "g2"], groups.Select(g => g.Id.Value));
        Assert.Equal([(DiagnosticIds.DuplicateKey, 4, 2), (DiagnosticIds.UnknownKey, 8, 2)], context.Positions());
        Assert.Contains("('duplicate attribute')", context.Diagnostics[0].Message);
        Assert.Contains("('unexpected property')", context.Diagnostics[1].Message);
    }

    [Fact]
    public void An_unknown_type_with_a_bad_id_is_skipped_for_its_id_except_in_resources_cfg()
    {
        var (_, groups) = Groups("foo: 1bad\n\tnodes n1\n");
        groups.Single(DiagnosticIds.InvalidValue).AssertAt(1, 6);

        // resources.cfg looks the type up first ('no such resource type').
        var (_, resources) = Resources("foo: 1bad\n\tstate started\n");
        resources.Single(DiagnosticIds.UnknownKey).AssertAt(1, 1);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_read_as_latin1_with_a_warning_and_nul_stays_a_character()
    {
        var decoded = TextDecoding.DecodeAsPveReads([.. "group: g1\n\tnodes n1\n\tcomment caf"u8, 0xE9, 0x00, .. "\n"u8]);

        Assert.Equal("group: g1\n\tnodes n1\n\tcomment caf\u00e9\0\n", decoded.Text);
        Assert.Equal((3, 13), (decoded.Line, decoded.Column));
        Assert.Contains("0xE9", decoded.Problem);
        var (groups, context) = Groups(decoded.Text!);
        Assert.Equal("caf\u00e9\0", Assert.Single(groups).Section.Get("comment")!.Value);
        Assert.Empty(context.Diagnostics);

        Assert.Null(TextDecoding.Decode([.. "x"u8, 0xE9]).Text);
    }

    [Fact]
    public void A_key_without_a_schema_is_an_unknown_property_type()
    {
        var (_, context) = Groups("group: g1\n\tnodes n1\n\tstate started\n");

        Assert.Contains("('unknown property type')", context.Single(DiagnosticIds.UnknownKey).Message);
    }
}
