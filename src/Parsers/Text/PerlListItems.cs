using System.Collections;

namespace PveLint.Text;

/// <summary>The items of a PVE list value (<see cref="PerlText.SplitList"/>), with a struct enumerator.</summary>
public readonly struct PerlListItems(string text) : IEnumerable<(int Offset, string Text)>
{
    public Enumerator GetEnumerator() => new(text);

    IEnumerator<(int Offset, string Text)> IEnumerable<(int Offset, string Text)>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<(int Offset, string Text)>
    {
        private readonly string _text;
        private readonly List<(int Offset, string Text)>? _nulParts; // the rare NUL form, split up front
        private int _pos;

        public Enumerator(string text)
        {
            _text = text;
            _nulParts = text.Contains('\0') ? PerlText.SplitOnNul(text) : null;
            _pos = _nulParts is null ? 0 : -1;
        }

        public (int Offset, string Text) Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_nulParts is not null)
            {
                if (++_pos >= _nulParts.Count) return false;
                Current = _nulParts[_pos];
                return true;
            }
            while (_pos < _text.Length && PerlText.IsListSeparator(_text[_pos])) _pos++;
            var start = _pos;
            while (_pos < _text.Length && !PerlText.IsListSeparator(_text[_pos])) _pos++;
            if (_pos == start) return false;
            Current = (start, _text[start.._pos]);
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }
}
