namespace MeshConformance.JsonB;

/// <summary>Names a value's kind for messages such as "'Index' should be an integer but is a string".</summary>
public static class JsonBValueDescription
{
    public static string Describe(this JsonBValue value) => value switch
    {
        JsonBObject => "an object",
        JsonBArray => "an array",
        JsonBString => "a string",
        JsonBBinary => "binary data",
        JsonBNumber => "a number",
        JsonBBoolean => "a boolean",
        _ => "null",
    };
}
