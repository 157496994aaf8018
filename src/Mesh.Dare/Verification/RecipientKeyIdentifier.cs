using MeshConformance.Core;
using MeshConformance.Udf;

namespace MeshConformance.Dare.Verification;

/// <summary>A recipient's <c>kid</c> is a UDF key fingerprint or <c>&lt;udf&gt;@&lt;domain&gt;</c> (dare §3.4.2).</summary>
public static class RecipientKeyIdentifier
{
    public static bool IsValid(string? kid)
    {
        if (string.IsNullOrEmpty(kid)) return false;
        var at = kid.IndexOf('@');
        var udf = at < 0 ? kid : kid[..at];
        if (at >= 0 && at == kid.Length - 1) return false;
        try
        {
            UDF.Parse(udf);
            return true;
        }
        catch (MeshFormatException)
        {
            return false;
        }
    }
}
