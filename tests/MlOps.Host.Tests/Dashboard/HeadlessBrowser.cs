using MlOps.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace MlOps.Host.Tests.Dashboard;

/// <summary>
/// Debian's chromium, headless, driven through the system chromedriver (both installed by .ci/run); nothing is
/// downloaded. CHROMIUM_PATH and CHROMEDRIVER_PATH point elsewhere when a machine keeps them in other places.
/// </summary>
public sealed class HeadlessBrowser : IDisposable
{
    private readonly ChromeDriver _driver;
    private readonly string _profile;

    private HeadlessBrowser(ChromeDriver driver, string profile)
    {
        _driver = driver;
        _profile = profile;
    }

    public IWebDriver Driver => _driver;

    /// <summary>Where screenshots go: TestResults/screenshots at the repository root, beside the test results CI keeps.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryFiles.Root, "TestResults", "screenshots");

    public static HeadlessBrowser Start()
    {
        string browser = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        string driverPath = Environment.GetEnvironmentVariable("CHROMEDRIVER_PATH") ?? "/usr/bin/chromedriver";
        foreach (string required in new[] { browser, driverPath })
        {
            if (!File.Exists(required))
            {
                throw new FileNotFoundException($"{required} is missing: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), as .ci/run does.", required);
            }
        }

        string profile = Directory.CreateTempSubdirectory("mlops-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = browser };
        // Headless as root on a machine with no network but loopback: no sandbox, and none of the background
        // connections (component updates, sync) that would be refused and logged.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--window-size=1400,1000",
            "--user-data-dir=" + profile);
        options.SetLoggingPreference(LogType.Browser, OpenQA.Selenium.LogLevel.All);
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
        return new HeadlessBrowser(driver, profile);
    }

    public void Open(string url) => _driver.Navigate().GoToUrl(url);

    /// <summary>Waits until the page's script has rendered the page named <paramref name="page"/> (or an error page, which fails).</summary>
    public void WaitForPage(string page)
    {
        string shown = new WebDriverWait(_driver, TimeSpan.FromSeconds(30)).Until(d =>
        {
            string? current = d.FindElement(By.Id("main")).GetAttribute("data-page");
            return current == page || current == "error" ? current : null;
        })!;
        Assert.True(shown == page, $"the dashboard showed an error instead of {page}: {_driver.FindElement(By.Id("main")).Text}");
    }

    public IWebElement Wait(By by) => new WebDriverWait(_driver, TimeSpan.FromSeconds(30)).Until(d => d.FindElements(by).FirstOrDefault(e => e.Displayed))!;

    public object? Script(string script, params object[] args) => _driver.ExecuteScript(script, args);

    /// <summary>Saves a PNG of the page under <see cref="ScreenshotDirectory"/>.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        string path = Path.Combine(ScreenshotDirectory, name + ".png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>What the browser console reported at error level since the last call (script errors, failed loads, CSP refusals).</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        [.. _driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= OpenQA.Selenium.LogLevel.Severe).Select(e => e.Message)];

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still hold a lock file for a moment; the temp folder is cleaned by the OS eventually.
        }
    }
}
