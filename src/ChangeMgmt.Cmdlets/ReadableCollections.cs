using System.Collections;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;

namespace ChangeMgmt.Cmdlets;

/// <summary>
/// The one rule for collections in the module's output: a list-valued property of a ChangeMgmt record (Core, Deployment)
/// stays a list (<c>-contains</c>, <c>.Count</c>, <c>ConvertTo-Json</c> arrays) and reads as its items
/// joined with "; " wherever PowerShell turns it into text (<c>Export-Csv</c>, <c>ConvertTo-Csv</c>,
/// <c>"$value"</c>). Done with instance properties on the written object, so the record keeps its .NET type.
/// </summary>
internal static class ReadableCollections
{
    public const string Separator = "; ";

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ByType = new();

    /// <summary>
    /// The object to write: a Core record with list properties gets every property as an instance property,
    /// in declaration order (Export-Csv's column order), the lists wrapped; anything else goes as it is.
    /// </summary>
    public static object? Apply(object? item)
    {
        if (item?.GetType().Namespace?.StartsWith("ChangeMgmt.", StringComparison.Ordinal) != true) return item;
        var properties = ByType.GetOrAdd(item.GetType(), WhenListed);
        if (properties.Length == 0) return item;
        var wrapped = PSObject.AsPSObject(item);
        if (wrapped.Properties[properties[0].Name] is PSNoteProperty) return wrapped;
        foreach (var property in properties)
        {
            var value = property.GetValue(item);
            wrapped.Properties.Add(new PSNoteProperty(property.Name, IsList(property.PropertyType) && value is IEnumerable list ? new ReadableList(list) : value));
        }
        return wrapped;
    }

    /// <summary>The type's properties when one of them is a list, else none.</summary>
    private static PropertyInfo[] WhenListed(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        return properties.Any(p => IsList(p.PropertyType)) ? properties : [];
    }

    private static bool IsList(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !typeof(IDictionary).IsAssignableFrom(type);

    /// <summary>A read-only list that prints as its items.</summary>
    public sealed class ReadableList(IEnumerable items) : ReadOnlyCollection<object?>([.. items.Cast<object?>()])
    {
        public override string ToString() => string.Join(Separator, this);
    }
}
