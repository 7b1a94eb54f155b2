namespace MlOps.Testing;

/// <summary>Paths to the datasets and reference values copied into tests/data.</summary>
public static class TestData
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "data");

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static string BreastCancerCsv => PathOf("breast_cancer.csv");
}
