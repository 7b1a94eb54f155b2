namespace MlOps.Core.Data.Csv;

/// <summary>What a CSV field holds, as the profiler sees it.</summary>
internal enum CsvValueKind : byte
{
    Missing,
    Number,
    Text,
}
