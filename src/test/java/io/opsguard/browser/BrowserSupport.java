package io.opsguard.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through Debian's ChromeDriver: nothing is downloaded. Without a browser
 * (or without the built web UI) the journey is skipped, unless {@code OPSGUARD_REQUIRE_BROWSER=true}
 * (set by CI), which makes it fail instead.
 */
final class BrowserSupport {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final WebDriver driver;

	private final WebDriverWait wait;

	private final String baseUrl;

	private BrowserSupport(WebDriver driver, String baseUrl) {
		this.driver = driver;
		this.baseUrl = baseUrl;
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
	}

	static void assumeAvailable() {
		boolean required = "true".equalsIgnoreCase(System.getenv("OPSGUARD_REQUIRE_BROWSER"));
		boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		boolean ui = BrowserSupport.class.getResource("/static/index.html") != null;
		if (required) {
			if (!browser) {
				throw new IllegalStateException("OPSGUARD_REQUIRE_BROWSER is set but chromium/chromedriver are missing");
			}
			if (!ui) {
				throw new IllegalStateException("OPSGUARD_REQUIRE_BROWSER is set but the web UI was not built");
			}
		}
		Assumptions.assumeTrue(browser, "chromium and chromedriver are not installed");
		Assumptions.assumeTrue(ui, "the web UI was not built (-Dskip.web=true)");
	}

	static BrowserSupport start(int port) throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1366,768", "--lang=zh-CN",
				"--user-data-dir=" + Files.createTempDirectory("opsguard-chromium-"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new BrowserSupport(new ChromeDriver(service, options), "http://localhost:" + port);
	}

	void open(String path) {
		this.driver.get(this.baseUrl + path);
	}

	/**
	 * Goes to a path inside the running UI as a link would: the router navigates without reloading
	 * the page, much quicker than {@link #open} when a test visits many pages.
	 */
	void go(String path) {
		if (currentPathAndQuery().equals(path)) {
			open(path); // the router would not leave the page it is on
			return;
		}
		((JavascriptExecutor) this.driver).executeScript("""
				const state = history.state || {};
				const back = location.pathname + location.search + location.hash;
				history.pushState({ ...state, back, current: arguments[0], forward: null, replaced: false, scroll: null,
				  position: (state.position || 0) + 1 }, '', arguments[0]);
				dispatchEvent(new PopStateEvent('popstate', { state: history.state }));""", path);
		this.wait.until(d -> currentPathAndQuery().equals(path));
	}

	WebElement find(String css) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	WebElement hook(String name) {
		return find("[data-test='" + name + "']");
	}

	void click(String hook) {
		clickCss("[data-test='" + hook + "']");
	}

	void clickCss(String css) {
		WebElement element = this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
		// a notice that pops up (an SLA warning of another test's ticket, say) is not what a journey clicks on
		((JavascriptExecutor) this.driver).executeScript(
				"document.querySelectorAll('.el-notification').forEach(n => n.style.visibility = 'hidden');"
						+ "arguments[0].scrollIntoView({block: 'center'})",
				element);
		element.click();
	}

	/**
	 * Types into a field whose hook sits on the input itself (Element Plus passes it through) or
	 * around it, replacing what was there.
	 */
	void type(String hook, String text) {
		WebElement input = find("input[data-test='" + hook + "'], textarea[data-test='" + hook + "'], [data-test='" + hook
				+ "'] input, [data-test='" + hook + "'] textarea");
		// select and delete rather than clear(): clear() bypasses the input events Vue listens to
		input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
				org.openqa.selenium.Keys.BACK_SPACE);
		input.sendKeys(text);
	}

	/** Nothing wider than {@code px}: the page never scrolls sideways (a phone is 375 px wide). */
	void assertFitsWidth(int px) {
		settle();
		Object width = script("return document.documentElement.scrollWidth");
		org.assertj.core.api.Assertions.assertThat(((Number) width).intValue())
			.as("the page's width at " + px + " px")
			.isLessThanOrEqualTo(px);
	}

	/**
	 * Opens the select inside a hook and picks an option given by its own hook, once the dropdown
	 * has finished opening, and waits until it shows as chosen. The option is clicked by script: a
	 * mouse click at its position while the list still moves could land on its neighbour (another
	 * role, say) and choose that instead.
	 */
	void choose(String hook, String optionHook) {
		clickCss("[data-test='" + hook + "'] .el-select__wrapper");
		String css = "[data-test='" + optionHook + "']";
		WebElement option = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
		this.wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
				"return document.querySelector('.el-zoom-in-top-enter-active, .el-zoom-in-top-enter-from') === null")));
		((JavascriptExecutor) this.driver).executeScript("arguments[0].scrollIntoView({block: 'nearest'}); arguments[0].click();",
				option);
		this.wait.until(d -> {
			java.util.List<WebElement> found = d.findElements(By.cssSelector(css));
			return found.isEmpty() || !found.get(0).isDisplayed()
					|| String.valueOf(found.get(0).getAttribute("class")).contains("is-selected");
		});
	}

	/** Opens the tree select inside a hook and clicks the visible node with the given label. */
	void chooseTreeNode(String hook, String label) {
		clickCss("[data-test='" + hook + "'] .el-select__wrapper");
		WebElement node = this.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//div[contains(@class,'el-popper') and not(contains(@style,'display: none'))]"
						+ "//*[contains(@class,'el-tree-node__content')]//*[contains(@class,'el-select-dropdown__item')"
						+ " and normalize-space()='" + label + "']")));
		node.click();
		// a single-choice tree select closes itself once a node is chosen
		this.wait.until(ExpectedConditions.invisibilityOf(node));
	}

	/** Waits until the page's path is {@code path} ("/" exactly) or below it (any other path). */
	void waitForPath(String path) {
		this.wait.until(d -> {
			String current = java.net.URI.create(d.getCurrentUrl()).getPath();
			return path.equals("/") ? current.equals("/") : current.startsWith(path);
		});
	}

	/** Scrolls the page so that the element is at the top of the window (for screenshots of a part of a page). */
	void scrollTo(String css) {
		((JavascriptExecutor) this.driver).executeScript("arguments[0].scrollIntoView({block: 'start'})", find(css));
	}

	private static boolean shown(WebElement element) {
		try {
			return element.isDisplayed();
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return false; // gone while looking: not shown
		}
	}


	void waitForText(String css, String text) {
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
	}

	/**
	 * Waits until a dialog (or drawer) has finished opening: Element Plus moves the focus into it
	 * when its transition ends, and keys typed before that land elsewhere.
	 */
	void waitForDialogOpened() {
		this.wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
				"return document.querySelector('.dialog-fade-enter-active, .dialog-fade-enter-from, .dialog-fade-enter-to,"
						+ " .el-drawer-fade-enter-active') === null")));
	}

	void waitUntilGone(String css) {
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
	}

	List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	boolean present(String css) {
		return !this.driver.findElements(By.cssSelector(css)).isEmpty();
	}

	/** Fetches a same-origin URL with the browser's session and answers the body. */
	String fetch(String path) {
		return String.valueOf(((JavascriptExecutor) this.driver).executeAsyncScript(
				"const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));",
				path));
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * What a table cuts at the window's width: the header and body cells whose text does not fit
	 * (cells with an overflow tooltip excepted), and whether the table scrolls sideways. Empty when
	 * every column shows in full.
	 */
	@SuppressWarnings("unchecked")
	List<String> cutColumns(String tableHook) {
		settle();
		Object found = ((JavascriptExecutor) this.driver).executeScript("""
				const table = document.querySelector(`[data-test='${arguments[0]}']`);
				const cut = [];
				for (const cell of table.querySelectorAll('.el-table__header .cell, .el-table__body .cell')) {
				  if (cell.querySelector('.el-tooltip') || cell.classList.contains('el-tooltip')) continue;
				  if (cell.scrollWidth > cell.clientWidth + 1) cut.push(cell.textContent.trim());
				}
				const body = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap');
				if (body && body.scrollWidth > body.clientWidth + 1) cut.push('(scrolls sideways by ' + (body.scrollWidth - body.clientWidth) + ' px)');
				return cut;""", tableHook);
		return (List<String>) found;
	}

	/**
	 * Waits until no loading mask is shown and no finite animation runs (tags zooming in, tables
	 * laying out), so that what is measured or shot is final; spinners that run forever do not count.
	 */
	void settle() {
		this.wait.until(d -> d.findElements(By.cssSelector(".el-loading-mask")).stream().noneMatch(BrowserSupport::shown));
		try {
			this.wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
					return document.getAnimations().every(a => a.playState !== 'running'
					  || a.effect?.getTiming().iterations === Infinity)""")));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			// still moving: measure and shoot what is there
		}
	}

	/** Switches the UI language with the top bar's switch and waits until it took. */
	void language(String language) {
		if (!language.equals(hook("lang-switch").getAttribute("data-lang"))) {
			click("lang-switch");
			this.wait.until(d -> language.equals(hook("lang-switch").getAttribute("data-lang")));
		}
	}

	/**
	 * Shows the pages as a phone of this size does (CSS pixels, touch, device scale 2), e.g. 375×812
	 * for the self-service portal.
	 */
	void mobile(int width, int height) {
		((org.openqa.selenium.chromium.HasCdp) this.driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
				java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
		((org.openqa.selenium.chromium.HasCdp) this.driver).executeCdpCommand("Emulation.setTouchEmulationEnabled",
				java.util.Map.of("enabled", true, "maxTouchPoints", 5));
	}

	WebDriverWait waiting() {
		return this.wait;
	}

	byte[] screenshot() {
		settle();
		return ((org.openqa.selenium.TakesScreenshot) this.driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
	}

	String pageSource() {
		return this.driver.getPageSource();
	}

	/** Runs a script in the page and answers its result. */
	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/** Forgets a cookie of the site, as when a session ends on the server (idle timeout). */
	void deleteCookie(String name) {
		this.driver.manage().deleteCookieNamed(name);
	}

	/** The page's path and query. */
	String currentPathAndQuery() {
		java.net.URI uri = java.net.URI.create(this.driver.getCurrentUrl());
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	void quit() {
		this.driver.quit();
	}

}
