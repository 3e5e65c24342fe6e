using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PveLint.Model;

/// <summary>
/// Something worked out from an object once, whoever asks first, and dropped with it: a model's indices, effective
/// HA rules and simulation, a corosync configuration's vote arithmetic. Rules and scenarios run in parallel, and a
/// bare <see cref="ConditionalWeakTable{TKey,TValue}"/> runs its factory once per racing caller (two threads would
/// each build the same index), so each value is a <see cref="Lazy{T}"/>, made once. Keyed by identity, so records
/// keep their value equality (a cache field would take part in it).
/// </summary>
// The annotation is Lazy<T>'s own (it can make a T with new()); the values here are always made by the given function.
public sealed class OncePer<TKey, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
    where TKey : class
{
    private readonly ConditionalWeakTable<TKey, Lazy<T>> _values = new();
    private readonly ConditionalWeakTable<TKey, Lazy<T>>.CreateValueCallback _create;

    public OncePer(Func<TKey, T> compute) => _create = key => new Lazy<T>(() => compute(key));

    public T Of(TKey key) => _values.GetValue(key, _create).Value;

    /// <summary>The value if something already asked for it, else the default (for readers that must not start the work).</summary>
    public T? IfComputed(TKey key) => _values.TryGetValue(key, out var value) && value.IsValueCreated ? value.Value : default;
}
