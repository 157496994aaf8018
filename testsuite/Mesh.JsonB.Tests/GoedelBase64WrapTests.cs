using System.Text;
using MeshConformance.JsonB;
using NUnit.Framework;

namespace MeshConformance.Tests.JsonB;

/// <summary>
/// The writer's streaming base64 wrap agrees with the plain statement of the rule (<see cref="GoedelJsonWriter.WrapBase64Url"/>)
/// for every length and every start column a member name can give, and for array items after a member.
/// </summary>
public class GoedelBase64WrapTests
{
    [Test]
    public void StreamingWrapEqualsTheRuleForEveryLengthAndColumn()
    {
        var random = new Random(7);
        for (var nameLength = 1; nameLength <= 40; nameLength++)
        {
            var name = new string('n', nameLength);
            for (var length = 0; length <= 300; length += nameLength % 3 + 1)
            {
                var data = new byte[length];
                random.NextBytes(data);
                var w = new GoedelJsonWriter();
                w.BeginObject();
                w.WriteBinary(name, data);
                w.BeginArray("a");
                w.WriteBinary(data);
                w.EndArray();
                w.EndObject();
                var expected = "{\n  \"" + name + "\": \"" + GoedelJsonWriter.WrapBase64Url(data, GoedelJsonWriter.MemberColumn(name)) + "\",\n" +
                               "  \"a\": [\"" + GoedelJsonWriter.WrapBase64Url(data, GoedelJsonWriter.MemberColumn("a")) + "\"]}";
                Assert.That(Encoding.UTF8.GetString(w.WrittenSpan), Is.EqualTo(expected), $"name length {nameLength}, data length {length}");
            }
        }
    }

    [Test]
    public void ResetLetsOneWriterProduceIdenticalDocuments()
    {
        var w = new GoedelJsonWriter();
        string Write()
        {
            w.Reset();
            w.BeginObject();
            w.WriteString("s", "quote \" backslash \\ tab \t é");
            w.WriteInteger("i", -42L);
            w.WriteBinary("PayloadDigest", new byte[64]);
            w.EndObject();
            return Encoding.UTF8.GetString(w.WrittenSpan);
        }
        var first = Write();
        Assert.That(Write(), Is.EqualTo(first));
        Assert.That(first, Does.Contain("\"quote \\\" backslash \\\\ tab \\u0009 é\""));
        Assert.That(first, Does.Contain("\"i\": -42"));
    }
}
