namespace MlOps.Core.Data.Csv;

/// <summary>
/// Whole records cut from a CSV by <see cref="CsvChunker"/>: the first <paramref name="Length"/> bytes of
/// <paramref name="Buffer"/> (rented from the shared array pool), starting on physical line <paramref name="FirstLine"/>.
/// <paramref name="Complete"/> is false for a chunk cut inside a record over the length limit.
/// </summary>
internal readonly record struct CsvChunk(byte[] Buffer, int Length, bool Complete, long FirstLine);
