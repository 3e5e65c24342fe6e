using PveLint.Binding;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Parsers.Tests;

/// <summary>
/// Base of the tests of one reader of one file (section configs, HA, datacenter.cfg): <see cref="Read"/> inline text
/// and <see cref="ReadCorpus"/> a corpus file in place, both checking that every diagnostic points inside the file.
/// </summary>
public abstract class ReaderTests<T>(string logicalPath, Func<SourceFile, BindContext, T> read)
{
    protected (T Result, BindContext Context) Read(string text, TargetRelease target = TargetRelease.Pve91)
    {
        var context = ReaderTestKit.Context(target);
        var file = ReaderTestKit.Inline(logicalPath, text);
        var result = read(file, context);
        context.AssertSpansInside(file);
        return (result, context);
    }

    /// <summary>A corpus file must also be readable: no syntax error, no unreadable input.</summary>
    protected (T Result, BindContext Context) ReadCorpus(params string[] corpusPath)
    {
        var context = ReaderTestKit.Context();
        var file = ReaderTestKit.Corpus(logicalPath, corpusPath);
        var result = read(file, context);
        context.AssertReadable();
        context.AssertSpansInside(file);
        return (result, context);
    }
}
