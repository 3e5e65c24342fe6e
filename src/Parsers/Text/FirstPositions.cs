namespace PveLint.Text;

/// <summary>
/// Where each key was first seen in a list that is nearly always short (the resources or nodes of one HA rule, of
/// which a cluster has thousands): a linear look through the first keys, a dictionary only once a list grows past
/// <see cref="LinearLimit"/>, so a hostile list of a million items still takes linear time.
/// </summary>
internal struct FirstPositions()
{
    private const int LinearLimit = 16;

    private readonly List<(string Key, int Position)> _first = [];
    private Dictionary<string, int>? _index;

    /// <summary>The position <paramref name="key"/> was first seen at, or -1 when it is new (it is then recorded at <paramref name="position"/>).</summary>
    public int Add(string key, int position)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(key, out var at)) return at;
            _index[key] = position;
            return -1;
        }
        foreach (var (seen, at) in _first)
            if (seen == key) return at;
        _first.Add((key, position));
        if (_first.Count > LinearLimit)
        {
            _index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (seen, at) in _first) _index[seen] = at;
        }
        return -1;
    }
}
