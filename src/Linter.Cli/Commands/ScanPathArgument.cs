using System.CommandLine;

namespace PveLint.Cli.Commands;

/// <summary>The single PATH argument of the commands that read one cluster (migrate-groups, init).</summary>
public static class ScanPathArgument
{
    public static Argument<string> Create()
    {
        var path = new Argument<string>("PATH")
        {
            Description = "A directory (a scan root holding etc/pve/, or a copy of /etc/pve itself), a .tar/.tar.gz/.tgz archive of /etc/pve, or a pmxcfs config.db. Default: the current directory.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        path.Validators.Add(UnknownOptions.AreNotPaths);
        return path;
    }
}
