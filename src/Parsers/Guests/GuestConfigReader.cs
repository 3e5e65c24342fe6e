using System.Collections.Immutable;
using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Guests;

/// <summary>qemu-server and lxc guest configs. (stub)</summary>
public static class GuestConfigReader
{
    public static Guest Read(SourceFile file, GuestKind kind, string node, int vmid, BindContext context) =>
        new(vmid, kind, node, file.Path, null, [], [], [], [], ImmutableDictionary<string, Located<string>>.Empty);
}
