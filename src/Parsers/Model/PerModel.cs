using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PveLint.Model;

/// <summary>
/// Something worked out from a model once, whoever asks first, and dropped with the model: indices, the effective
/// HA rules, the simulation. Rules run in parallel, and a bare <see cref="ConditionalWeakTable{TKey,TValue}"/> runs
/// its factory once per racing caller (two threads would each build the same index), so each value is a
/// <see cref="Lazy{T}"/>, made once.
/// </summary>
// The annotation is Lazy<T>'s own (it can make a T with new()); the values here are always made by the given function.
public sealed class PerModel<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
{
    private readonly ConditionalWeakTable<ClusterModel, Lazy<T>> _values = new();
    private readonly ConditionalWeakTable<ClusterModel, Lazy<T>>.CreateValueCallback _create;

    public PerModel(Func<ClusterModel, T> compute) => _create = model => new Lazy<T>(() => compute(model));

    public T Of(ClusterModel model) => _values.GetValue(model, _create).Value;

    /// <summary>The value if something already asked for it, else the default (for readers that must not start the work).</summary>
    public T? IfComputed(ClusterModel model) => _values.TryGetValue(model, out var value) && value.IsValueCreated ? value.Value : default;
}
