using System.Text;
using System.Text.Json;
using MlOps.Core.Serving;

namespace MlOps.Core.Tests.Serving;

public sealed class RequestRowsTests
{
    [Theory]
    [InlineData("""[{"x":1},{"x":2,"tags":["a","b"]}]""")]
    [InlineData("""{"rows":[{"x":1},{"x":2,"tags":["a","b"]}]}""")]
    [InlineData("""{"options":{"rows":[{"x":9}]},"rows":[{"x":1},{"x":2,"tags":["a","b"]}]}""")]
    [InlineData("  [ {\"x\" : 1} ,\r\n {\"x\":2,\n \"tags\":[\"a\",\"b\"]} ]\n")]
    public void TryFind_RowsInEitherShape_EachRowsExactJson(string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var rows = new List<Range>();

        Assert.True(RequestRows.TryFind(bytes, rows));

        Assert.Equal(2, rows.Count);
        Assert.Equal(1, JsonDocument.Parse(bytes.AsMemory()[rows[0]]).RootElement.GetProperty("x").GetInt32());
        Assert.Equal("b", JsonDocument.Parse(bytes.AsMemory()[rows[1]]).RootElement.GetProperty("tags")[1].GetString());
    }

    [Theory]
    [InlineData("""{"x":1}""")]
    [InlineData("""{"rows":{"x":1}}""")]
    [InlineData("""[{"x":1},""")]
    [InlineData("")]
    public void TryFind_NoRowArray_False(string body) => Assert.False(RequestRows.TryFind(Encoding.UTF8.GetBytes(body), []));

    [Theory]
    [InlineData("""[{"x":1,"tags":["a"]}]""")]
    [InlineData(" \r\n[\n\t{\"x\" : 1, \"tags\": [\"a\"]} \r\n]\n ")]
    public void TryUnwrapSingle_OneRowArray_TheRowsExactJson(string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);

        Assert.True(RequestRows.TryUnwrapSingle(bytes, out Range row));

        var found = new List<Range>();
        Assert.True(RequestRows.TryFind(bytes, found));
        Assert.Equal(Encoding.UTF8.GetString(bytes.AsSpan()[found[0]]), Encoding.UTF8.GetString(bytes.AsSpan()[row]));
    }

    [Theory]
    [InlineData("""{"rows":[{"x":1}]}""")]
    [InlineData("[]")]
    [InlineData(" [ \n ] ")]
    [InlineData("")]
    [InlineData("   ")]
    public void TryUnwrapSingle_NotABracketedRow_False(string body) => Assert.False(RequestRows.TryUnwrapSingle(Encoding.UTF8.GetBytes(body), out _));

    [Fact]
    public void WriteSingleLine_PrettyPrintedRow_OneLineOfTheSameJson()
    {
        byte[] row = Encoding.UTF8.GetBytes("{\r\n  \"x\": 1.50,\n  \"name\": \"a b\"\n}");
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("inputs");
            RequestRows.WriteSingleLine(writer, row, new byte[4]); // scratch too small: falls back to its own buffer
            writer.WriteEndObject();
        }

        string line = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        JsonElement inputs = JsonDocument.Parse(line).RootElement.GetProperty("inputs");
        Assert.Equal("1.50", inputs.GetProperty("x").GetRawText()); // the client's spelling, not re-formatted
        Assert.Equal("a b", inputs.GetProperty("name").GetString());
    }
}
