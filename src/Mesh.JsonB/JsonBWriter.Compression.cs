namespace MeshConformance.JsonB;

// JSON-C (jsonbcd §5, Table 3). These calls write exactly the production asked for; the writer
// keeps no code table, so a test can also write invalid sequences (a reference before its definition).
public sealed partial class JsonBWriter
{
    /// <summary>c-tag reference C0/C1/C2 + code of 1/2/4 bytes: stands for the value defined for the code.</summary>
    public void WriteCodeReference(uint code, int codeWidth = 1)
    {
        BeginElement(isText: false);
        PutCode(JsonBTag.CodeReference, code, codeWidth);
    }

    /// <summary>c-def C4/C5/C6 + code; the next string/data written is the definition and is not a value.</summary>
    public void WriteCodeDefinition(uint code, string value, int codeWidth = 1)
    {
        PutCode(JsonBTag.CodeDefinition, code, codeWidth);
        WriteStringToken(JsonBTag.StringTerm, System.Text.Encoding.UTF8.GetBytes(value), 0);
    }

    /// <summary>C8/C9/CA + code + string: the string is a value and also defines the code.</summary>
    public void WriteCodeReferenceAndDefinition(uint code, string value, int codeWidth = 1)
    {
        BeginElement(isText: false);
        PutCode(JsonBTag.CodeReferenceAndDefinition, code, codeWidth);
        WriteStringToken(JsonBTag.StringTerm, System.Text.Encoding.UTF8.GetBytes(value), 0);
    }

    /// <summary>CC/CD/CE + code + string: a dictionary entry definition (no value).</summary>
    public void WriteDictionaryDefinition(uint code, string value, int codeWidth = 1)
    {
        PutCode(JsonBTag.DictionaryDefinition, code, codeWidth);
        WriteStringToken(JsonBTag.StringTerm, System.Text.Encoding.UTF8.GetBytes(value), 0);
    }

    /// <summary>D0 + 4-byte code offset + 1-byte length + fingerprint bytes.</summary>
    public void WriteDictionaryHash(uint codeOffset, ReadOnlySpan<byte> fingerprint)
    {
        if (fingerprint.Length > 255) throw new ArgumentOutOfRangeException(nameof(fingerprint), "at most 255 bytes");
        Put(JsonBTag.DictionaryHash);
        PutBigEndian(codeOffset, 4);
        Put((byte)fingerprint.Length);
        Put(fingerprint);
    }

    private void PutCode(byte baseTag, uint code, int codeWidth)
    {
        var low = codeWidth switch { 1 => 0, 2 => 1, 4 => 2, _ => throw new ArgumentOutOfRangeException(nameof(codeWidth), "1, 2 or 4") };
        if (codeWidth < 4 && code >> (8 * codeWidth) != 0) throw new ArgumentOutOfRangeException(nameof(code), "code does not fit the width");
        Put((byte)(baseTag + low));
        PutBigEndian(code, codeWidth);
    }
}
