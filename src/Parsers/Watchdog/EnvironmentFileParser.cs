using System.Collections.Immutable;
using System.Text;
using PveLint.Diagnostics;
using PveLint.Model;
using PveLint.Text;

namespace PveLint.Watchdog;

/// <summary>
/// Reads a file the way systemd reads <c>EnvironmentFile=</c> (<c>parse_env_file_internal</c> in
/// src/basic/env-file.c, systemd 257 of Debian trixie / PVE 9; reference/pve-ha-manager.md §6): a character state
/// machine over the whole text, not a line parser.
/// <list type="bullet">
/// <item>Leading blanks are skipped; '#' or ';' there starts a comment to the end of the line (no continuation).</item>
/// <item>A line without '=' is dropped silently. Blanks before '=' and after it are dropped.</item>
/// <item>Unquoted values: '\' escapes the next character, '\' at the end of a line continues the value on the next
/// line, trailing blanks are chomped, and '#' is an ordinary character (no inline comments).</item>
/// <item>'single' quotes take everything literally, "double" quotes allow <c>\" \\ \` \$</c> escapes; both may span
/// lines, and quoted and unquoted pieces are glued together. An unclosed quote runs to the end of the file.</item>
/// <item>The name must be a valid variable name ([A-Za-z_][A-Za-z0-9_]*), else systemd drops the assignment
/// (<c>strv_env_clean_with_callback</c>); when a name is assigned twice the last assignment wins.</item>
/// </list>
/// </summary>
public static class EnvironmentFileParser
{
    private enum State { PreKey, Key, PreValue, Value, ValueEscape, SingleQuote, DoubleQuote, DoubleQuoteEscape, Comment }

    public static EnvironmentFileSyntax Parse(SourceFile file) => new Machine(file).Run();

    private sealed class Machine(SourceFile file)
    {
        private readonly string _text = file.Text;
        private readonly List<EnvAssignment> _assignments = new();
        private readonly List<SourceSpan> _comments = new();
        private readonly List<EnvironmentFileQuirk> _quirks = new();
        private readonly List<Diagnostic> _diagnostics = new();
        private DiagnosticBudget? _budget;

        /// <summary>Capped per id, so a file of a million bad lines keeps 500 diagnostics and a summary.</summary>
        private DiagnosticBudget Diagnostics => _budget ??= DiagnosticBudget.ForFile(file, _diagnostics.Add);

        private readonly StringBuilder _value = new();
        private int _keyStart, _keyEnd, _equals, _valueStart, _valueEnd, _quoteStart, _commentStart;
        private int _trailingBlank = -1, _trailingBlankOffset = -1, _inlineComment = -1;
        private bool _quoted, _afterQuote, _concatenated;

        public EnvironmentFileSyntax Run()
        {
            var state = State.PreKey;
            for (var i = 0; i < _text.Length; i++)
            {
                var c = _text[i];
                switch (state)
                {
                    case State.PreKey:
                        if (c is '#' or ';') { state = State.Comment; _commentStart = i; }
                        else if (!IsBlank(c)) { state = State.Key; StartKey(i); }
                        break;

                    case State.Key:
                        if (IsNewline(c)) { NoEquals(i); state = State.PreKey; }
                        else if (c == '=') { state = State.PreValue; _equals = i; _valueStart = _valueEnd = i + 1; }
                        else if (!IsBlank(c)) _keyEnd = i + 1; // trailing blanks of the name are dropped
                        break;

                    case State.PreValue:
                        if (IsNewline(c)) { Push(i, State.PreValue); state = State.PreKey; }
                        else if (c is '\'' or '"')
                        {
                            state = c == '\'' ? State.SingleQuote : State.DoubleQuote;
                            BeginPiece(i);
                            _quoteStart = i;
                        }
                        else if (c == '\\') { state = State.ValueEscape; BeginPiece(i); }
                        else if (!IsBlank(c))
                        {
                            // "KEY= #x" or "KEY='a' #x": a shell stops at the comment, systemd keeps it in the value.
                            if (c == '#' && i > 0 && IsBlank(_text[i - 1])) _inlineComment = i;
                            state = State.Value;
                            BeginPiece(i);
                            AppendUnquoted(c, i);
                        }
                        break;

                    case State.Value:
                        if (IsNewline(c)) { Push(i, State.Value); state = State.PreKey; }
                        else if (c == '\\') { state = State.ValueEscape; _trailingBlank = -1; }
                        else AppendUnquoted(c, i);
                        break;

                    case State.ValueEscape:
                        state = State.Value;
                        if (IsNewline(c))
                        {
                            Quirk(EnvironmentFileQuirkKind.LineContinuation, i - 1, 1, "A backslash at the end of the line continues the value on the next line.");
                        }
                        else
                        {
                            _value.Append(c);
                            _valueEnd = i + 1;
                            Quirk(EnvironmentFileQuirkKind.Escape, i - 1, 2, $"'\\{c}' is an escape; systemd reads it as '{c}'.");
                        }
                        break;

                    case State.SingleQuote:
                        if (c == '\'') { state = State.PreValue; CloseQuote(i); }
                        else { _value.Append(c); _valueEnd = i + 1; }
                        break;

                    case State.DoubleQuote:
                        if (c == '"') { state = State.PreValue; CloseQuote(i); }
                        else if (c == '\\') { state = State.DoubleQuoteEscape; _valueEnd = i + 1; }
                        else { _value.Append(c); _valueEnd = i + 1; }
                        break;

                    case State.DoubleQuoteEscape:
                        state = State.DoubleQuote;
                        _valueEnd = i + 1;
                        if (c is '"' or '\\' or '`' or '$') _value.Append(c); // SHELL_NEED_ESCAPE: unescaped
                        else if (c != '\n') _value.Append('\\').Append(c); // kept as written, like a shell
                        if (c == '\n') Quirk(EnvironmentFileQuirkKind.LineContinuation, i - 1, 1, "A backslash at the end of the line inside double quotes continues the value on the next line.");
                        break;

                    case State.Comment:
                        if (IsNewline(c)) { state = State.PreKey; _comments.Add(file.SpanOf(_commentStart, i - _commentStart)); }
                        break;
                }
            }

            switch (state)
            {
                case State.Key: NoEquals(_text.Length); break;
                case State.Comment: _comments.Add(file.SpanOf(_commentStart, _text.Length - _commentStart)); break;
                case State.SingleQuote or State.DoubleQuote or State.DoubleQuoteEscape:
                    Quirk(EnvironmentFileQuirkKind.UnterminatedQuote, _quoteStart, _text.Length - _quoteStart,
                        "This quote is never closed, so the value runs to the end of the file.");
                    Push(_text.Length, state);
                    break;
                case State.PreValue or State.Value or State.ValueEscape: Push(_text.Length, state); break;
            }

            MarkDuplicates();
            Diagnostics.Flush();
            return new EnvironmentFileSyntax(_assignments.ToImmutableArray(), _comments.ToImmutableArray(), _quirks.ToImmutableArray(), _diagnostics.ToImmutableArray());
        }

        private void StartKey(int at)
        {
            _value.Clear();
            _keyStart = at;
            _keyEnd = at + 1;
            _trailingBlank = _trailingBlankOffset = _inlineComment = -1;
            _quoted = _afterQuote = _concatenated = false;
        }

        /// <summary>Called where a value piece (quoted, escaped or plain) starts; a second piece means concatenation.</summary>
        private void BeginPiece(int at)
        {
            if (_afterQuote) _concatenated = true;
            else _valueStart = at;
        }

        private void CloseQuote(int at)
        {
            _quoted = true;
            _afterQuote = true;
            _valueEnd = at + 1;
            Quirk(EnvironmentFileQuirkKind.Quoted, _quoteStart, at + 1 - _quoteStart, "The value is quoted; systemd removes the quotes.");
        }

        private void AppendUnquoted(char c, int at)
        {
            if (IsBlank(c))
            {
                if (_trailingBlank < 0) { _trailingBlank = _value.Length; _trailingBlankOffset = at; }
            }
            else
            {
                if (c == '#' && _trailingBlank >= 0 && _inlineComment < 0) _inlineComment = at;
                _trailingBlank = -1;
                _valueEnd = at + 1;
            }
            _value.Append(c);
        }

        private void NoEquals(int end)
        {
            var line = _text[_keyStart..end];
            Diagnostics.Report(Diagnostic.At(DiagnosticIds.SyntaxError, file.SpanOf(_keyStart, line.Length),
                $"Line '{Excerpt(line)}' has no '=', so systemd ignores it."));
        }

        private void Push(int end, State state)
        {
            if (state == State.Value && _trailingBlank >= 0)
            {
                _value.Length = _trailingBlank; // chomp trailing blanks of an unquoted value
                Quirk(EnvironmentFileQuirkKind.TrailingWhitespace, _trailingBlankOffset, end - _trailingBlankOffset,
                    "Blanks after the value; systemd drops them.");
            }
            var keyText = _text[_keyStart.._keyEnd];
            var keySpan = file.SpanOf(_keyStart, _keyEnd - _keyStart);
            var value = _value.ToString();
            var valueSpan = file.SpanOf(_valueStart, _valueEnd - _valueStart);
            var valid = IsValidName(keyText);

            if (_keyEnd < _equals || _valueStart > _equals + 1)
                Quirk(EnvironmentFileQuirkKind.SpaceAroundEquals, _keyEnd, _valueStart - _keyEnd,
                    $"Blanks around '=' after '{Excerpt(keyText)}'; systemd accepts them, a shell does not.");
            if (_inlineComment >= 0)
                Quirk(EnvironmentFileQuirkKind.InlineComment, _inlineComment, _valueEnd - _inlineComment,
                    $"systemd has no inline comments: '{Excerpt(_text[_inlineComment.._valueEnd])}' is part of the value of {Excerpt(keyText)}.");
            if (_concatenated)
                Quirk(EnvironmentFileQuirkKind.ConcatenatedValue, _valueStart, _valueEnd - _valueStart,
                    $"The value of {Excerpt(keyText)} is glued together from several pieces into '{Excerpt(value)}'.");
            if (value.Length == 0 && !_quoted)
                Quirk(EnvironmentFileQuirkKind.EmptyValue, _equals, 1, $"{Excerpt(keyText)} is set to the empty string.");

            var assignment = new EnvAssignment(new Located<string>(keyText, keySpan), new Located<string>(value, valueSpan),
                keySpan.Union(valueSpan), valid);
            _assignments.Add(assignment);
            if (!valid) ReportInvalidName(assignment);
        }

        private void ReportInvalidName(EnvAssignment assignment)
        {
            var key = assignment.Key.Value;
            var words = key.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var message = words.Length == 2 && words[0] == "export" && IsValidName(words[1])
                ? $"systemd does not understand 'export': it reads the name '{Excerpt(key)}', which is not a valid variable name, and ignores the assignment, so {words[1]} is not set."
                : $"'{Excerpt(key)}' is not a valid variable name (letters, digits and '_', not starting with a digit), so systemd ignores the assignment.";
            Diagnostics.Report(Diagnostic.At(DiagnosticIds.SyntaxError, assignment.Key.Span, message));
        }

        private void MarkDuplicates()
        {
            foreach (var group in _assignments.Where(a => a.IsValidName).GroupBy(a => a.Key.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var winner = group.Last();
                foreach (var earlier in group.SkipLast(1))
                    _quirks.Add(new EnvironmentFileQuirk(EnvironmentFileQuirkKind.DuplicateAssignment, earlier.Span,
                        $"{group.Key} is assigned again on line {winner.Span.Line}; systemd uses the last assignment, '{Excerpt(winner.Value.Value)}'."));
            }
        }

        private void Quirk(EnvironmentFileQuirkKind kind, int offset, int length, string message) =>
            _quirks.Add(new EnvironmentFileQuirk(kind, file.SpanOf(offset, length), message));

        private static bool IsNewline(char c) => c is '\n' or '\r';

        private static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';

        /// <summary>systemd <c>env_name_is_valid</c>: [A-Za-z0-9_]+, not starting with a digit.</summary>
        private static bool IsValidName(string name) =>
            name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

        private static string Excerpt(string text) => text.Length <= 60 ? text : text[..60] + "...";
    }
}
