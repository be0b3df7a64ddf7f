using System.Collections;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The one rule for collections in the module's output: a list-valued property of a ChangeMgmt record
/// stays a list (<c>-contains</c>, <c>.Count</c>, <c>ConvertTo-Json</c> arrays) and reads as its items
/// joined with "; " wherever PowerShell turns it into text (<c>Export-Csv</c>, <c>ConvertTo-Csv</c>,
/// <c>"$value"</c>). Done with instance properties on the written object, so the record keeps its .NET type.
/// </summary>
internal static class ReadableCollections
{
    public const string Separator = "; ";

    private static readonly Assembly CoreAssembly = typeof(Core.Configuration.ChangeMgmtConfig).Assembly;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ListProperties = new();

    /// <summary>The object to write: a Core record with list properties wrapped, anything else as it is.</summary>
    public static object? Apply(object? item)
    {
        if (item is null || item.GetType().Assembly != CoreAssembly) return item;
        var lists = ListProperties.GetOrAdd(item.GetType(), FindLists);
        if (lists.Length == 0) return item;
        var wrapped = PSObject.AsPSObject(item);
        foreach (var property in lists)
        {
            if (property.GetValue(item) is not IEnumerable value || wrapped.Properties[property.Name] is PSNoteProperty) continue;
            wrapped.Properties.Add(new PSNoteProperty(property.Name, new ReadableList(value)));
        }
        return wrapped;
    }

    private static PropertyInfo[] FindLists(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p =>
            p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(string)
            && typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && !typeof(IDictionary).IsAssignableFrom(p.PropertyType))];

    /// <summary>A read-only list that prints as its items.</summary>
    public sealed class ReadableList(IEnumerable items) : ReadOnlyCollection<object?>([.. items.Cast<object?>()])
    {
        public override string ToString() => string.Join(Separator, this);
    }
}
