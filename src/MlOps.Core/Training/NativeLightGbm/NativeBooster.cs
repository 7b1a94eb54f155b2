using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace MlOps.Core.Training.NativeLightGbm;

/// <summary>
/// A LightGBM booster loaded from model text, and training one in lib_lightgbm from a <see cref="LightGbmMatrix"/>. One
/// native training runs at a time in the process, as ML.NET's own LightGbm trainer holds a process-wide lock while it
/// builds datasets and boosts; <see cref="LightGbmThreadGate"/> (held by the caller) keeps trainings with another
/// thread count out meanwhile.
/// </summary>
internal sealed class NativeBooster : IDisposable
{
    private static readonly Lock OneAtATime = new();

    private IntPtr _handle;

    private NativeBooster(IntPtr handle) => _handle = handle;

    /// <summary>
    /// Builds LightGBM's dataset from the matrix, boosts <paramref name="iterations"/> rounds (fewer if LightGBM finds
    /// nothing left to split) and returns the model text; the booster and dataset are freed.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled between rounds.</exception>
    public static string Train(LightGbmMatrix matrix, string parameters, int iterations, TrainingPhaseTimes? phases, CancellationToken cancellation)
    {
        lock (OneAtATime)
        {
            var clock = Stopwatch.StartNew();
            IntPtr dataset = IntPtr.Zero;
            IntPtr booster = IntPtr.Zero;
            GCHandle pinned = GCHandle.Alloc(matrix.Values, GCHandleType.Pinned);
            try
            {
                NativeMethods.Check(NativeMethods.DatasetCreateFromMat(pinned.AddrOfPinnedObject(), NativeMethods.Float32, matrix.Rows, matrix.Columns, 1, parameters, IntPtr.Zero, out dataset), "DatasetCreateFromMat");
                pinned.Free();
                NativeMethods.Check(NativeMethods.DatasetSetField(dataset, "label", matrix.Labels, matrix.Rows, NativeMethods.Float32), "DatasetSetField(label)");
                if (matrix.Weights is { } weights)
                {
                    NativeMethods.Check(NativeMethods.DatasetSetField(dataset, "weight", weights, matrix.Rows, NativeMethods.Float32), "DatasetSetField(weight)");
                }

                NativeMethods.Check(NativeMethods.BoosterCreate(dataset, parameters, out booster), "BoosterCreate");
                phases?.Dataset = clock.Elapsed;

                clock.Restart();
                for (int i = 0; i < iterations; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    NativeMethods.Check(NativeMethods.BoosterUpdateOneIter(booster, out int finished), "BoosterUpdateOneIter");
                    if (finished != 0)
                    {
                        break;
                    }
                }

                phases?.Boosting = clock.Elapsed;

                // The booster reads its training set until it is freed, so the text is taken while both live.
                return ModelText(booster);
            }
            finally
            {
                if (pinned.IsAllocated)
                {
                    pinned.Free();
                }

                if (booster != IntPtr.Zero)
                {
                    _ = NativeMethods.BoosterFree(booster);
                }

                if (dataset != IntPtr.Zero)
                {
                    _ = NativeMethods.DatasetFree(dataset);
                }
            }
        }
    }

    /// <summary>A booster from LightGBM's model text.</summary>
    public static NativeBooster Load(string modelText)
    {
        NativeMethods.Check(NativeMethods.BoosterLoadModelFromString(modelText, out _, out IntPtr booster), "BoosterLoadModelFromString");
        return new NativeBooster(booster);
    }

    /// <summary>LightGBM's model text: every tree, then the parameters it was trained with.</summary>
    private static string ModelText(IntPtr booster)
    {
        var buffer = new byte[1 << 20];
        NativeMethods.Check(NativeMethods.BoosterSaveModelToString(booster, 0, -1, 0, buffer.Length, out long length, buffer), "BoosterSaveModelToString");
        if (length > buffer.Length)
        {
            buffer = new byte[checked((int)length)];
            NativeMethods.Check(NativeMethods.BoosterSaveModelToString(booster, 0, -1, 0, buffer.Length, out length, buffer), "BoosterSaveModelToString");
        }

        return Encoding.UTF8.GetString(buffer, 0, (int)length - 1); // the length counts the terminating NUL
    }

    /// <summary>The raw score (sum of the trees' outputs) of each row of a row-major matrix of <paramref name="columns"/> columns.</summary>
    public double[] PredictRaw(float[] rows, int columns)
    {
        int count = rows.Length / columns;
        var results = new double[count];
        NativeMethods.Check(NativeMethods.BoosterPredictForMat(_handle, rows, NativeMethods.Float32, count, columns, 1, NativeMethods.PredictRawScore, 0, -1, string.Empty, out long length, results), "BoosterPredictForMat");
        return length == count ? results : throw new InvalidOperationException($"LightGBM predicted {length} values for {count} rows.");
    }

    public void Dispose()
    {
        IntPtr handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            _ = NativeMethods.BoosterFree(handle);
        }
    }
}
