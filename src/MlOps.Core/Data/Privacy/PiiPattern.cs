using System.Text.Json.Serialization;

namespace MlOps.Core.Data.Privacy;

/// <summary>A kind of personal data that a value can look like.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PiiPattern>))]
public enum PiiPattern
{
    Email,

    /// <summary>An international (+) number or a number written in groups, 7 to 15 digits, not a date.</summary>
    Phone,

    /// <summary>An IBAN whose mod-97 check holds.</summary>
    Iban,

    /// <summary>13 to 19 digits (spaces or hyphens allowed) whose Luhn check holds.</summary>
    CardNumber,

    /// <summary>A US social security number (ddd-dd-dddd) or a UK national insurance number (AB123456C).</summary>
    NationalId,

    IpAddress,

    /// <summary>Two to four capitalised words in a column whose name says it holds names.</summary>
    PersonName,
}
