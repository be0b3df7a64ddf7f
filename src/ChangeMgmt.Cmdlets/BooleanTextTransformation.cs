using System.Management.Automation;

namespace ChangeMgmt.Cmdlets;

/// <summary>Lets a text column (Import-Csv) bind to a [bool] parameter: true/false, yes/no, 1/0; empty means not given.</summary>
internal sealed class BooleanTextTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is not string text) return inputData;
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            "" => null,
            _ => throw new ArgumentTransformationMetadataException($"'{text}' is not true or false (also accepted: yes/no, 1/0)."),
        };
    }
}
