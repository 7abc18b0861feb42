package io.newsflow.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.testinfra.TestInfrastructure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The newsroom page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), against the running service and a real
 * Elasticsearch holding {@link NewsroomFixture}'s articles: what a reader does, checked by what the
 * page shows. Every test ends with no error in the browser's console (a script the policy blocked,
 * a failed request, an exception). Screenshots go to {@code target/screenshots/}.
 *
 * <p>Paths: system properties {@code newsflow.chromium} and {@code newsflow.chromedriver} (default
 * {@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}); nothing is downloaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewsroomBrowserIT {

    private static final String ALIAS = "newsroom-browser-articles";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("newsflow.newsroom.elasticsearch.uris", TestInfrastructure::elasticsearchUrl);
        registry.add("newsflow.newsroom.alias", () -> ALIAS);
    }

    private static ChromeDriver browser;
    private static List<ArticleEnriched> articles;

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() throws Exception {
        articles = NewsroomFixture.load(ALIAS);
        File chromium = new File(System.getProperty("newsflow.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("newsflow.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium for the browser tests: apt-get install chromium chromium-driver "
                + "(.ci/run does), or -Dnewsflow.chromium=PATH").canRead();
        assertThat(chromedriver).as("chromedriver: apt-get install chromium-driver, or -Dnewsflow.chromedriver=PATH")
                .canRead();
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                        "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void noErrorsInTheConsole() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .toList();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    @Order(1)
    void opensOnTheLatestArticlesWithFacetsTimelineAndMap() throws Exception {
        open("/");
        awaitSummary("18 articles");

        List<WebElement> hits = browser.findElements(By.cssSelector("#hits li.hit h3 a"));
        assertThat(hits).hasSize(18);
        assertThat(hits.get(0).getText()).as("newest first").isEqualTo("Starmer and Macron agree on defence pact 1");
        assertThat(facetCount("person", "Keir Starmer")).isEqualTo("8");
        assertThat(facetCount("country", "BY")).isEqualTo("7");
        assertThat(browser.findElements(By.cssSelector("#timeline rect.bar-rect"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#map path[data-country]"))).hasSizeGreaterThan(150);
        assertThat(browser.findElement(By.cssSelector("#map path[data-country='BY']")).getCssValue("fill"))
                .as("a country with articles is shaded").isNotEqualTo(
                        browser.findElement(By.cssSelector("#map path[data-country='PL']")).getCssValue("fill"));
        screenshot("01-latest");
    }

    @Test
    @Order(2)
    void aFacetFiltersTheCountsFollowAndBackUndoesIt() throws Exception {
        open("/");
        awaitSummary("18 articles");
        assertThat(facetCount("person", "Emmanuel Macron")).isEqualTo("5");

        browser.findElement(By.cssSelector("button[data-facet='person'][data-value='Keir Starmer']")).click();
        awaitSummary("8 articles");
        assertThat(browser.getCurrentUrl()).contains("person=Keir+Starmer");
        assertThat(facetCount("person", "Emmanuel Macron")).as("counts of the filtered set").isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("#filters .chip")).getText()).contains("People: Keir Starmer");
        screenshot("02-facet");

        browser.navigate().back();
        awaitSummary("18 articles");
        browser.navigate().forward();
        awaitSummary("8 articles");
        browser.findElement(By.cssSelector("#filters .chip button")).click();
        awaitSummary("18 articles");
        assertThat(browser.getCurrentUrl()).doesNotContain("person=");
    }

    @Test
    @Order(3)
    void clickingACountryOnTheMapFiltersByIt() throws Exception {
        open("/");
        awaitSummary("18 articles");

        WebElement belarus = browser.findElement(By.cssSelector("#map path[data-country='BY']"));
        new Actions(browser).moveToElement(belarus).click().perform();
        awaitSummary("7 articles");
        assertThat(browser.getCurrentUrl()).contains("country=BY");
        assertThat(browser.findElement(By.cssSelector("#filters .chip")).getText()).contains("Countries: Belarus");
        screenshot("03-country");
    }

    @Test
    @Order(4)
    void draggingOverTheTimelinePicksARange() throws Exception {
        open("/");
        awaitSummary("18 articles");

        WebElement timeline = browser.findElement(By.id("timeline"));
        int width = timeline.getSize().getWidth();
        // from the first bar to a little before the middle: the first days of May only
        new Actions(browser).moveToElement(timeline, -width / 2 + 3, 0).clickAndHold()
                .moveByOffset(width / 3, 0).release().perform();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("from=") && d.getCurrentUrl().contains("to="));
        int shown = awaitCountOtherThan(18);
        assertThat(shown).isBetween(1, 17);
        assertThat(browser.findElement(By.cssSelector("#filters .chip")).getText()).startsWith("Published 2024-05-01");
        screenshot("04-range");
    }

    @Test
    @Order(5)
    void aSharedSearchLinkOpensWithTheSearchAppliedAndMatchesMarked() throws Exception {
        open("/?q=Lukashenka");
        awaitSummary("7 articles");

        assertThat(browser.findElement(By.id("q")).getDomProperty("value")).isEqualTo("Lukashenka");
        assertThat(browser.findElements(By.cssSelector("#hits mark"))).isNotEmpty()
                .allSatisfy(mark -> assertThat(mark.getText()).isEqualTo("Lukashenka"));

        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("\"defence pact\"\n");
        awaitSummary("2 articles");
        assertThat(browser.getCurrentUrl()).contains("q=%22defence+pact%22");
        screenshot("05-search");
    }

    @Test
    @Order(6)
    void anArticleShowsItsEnrichmentsWithEntitiesHighlightedByType() throws Exception {
        open("/");
        awaitSummary("18 articles");
        ArticleEnriched summit = articles.stream().filter(a -> a.url().endsWith("/summit-0")).findFirst().orElseThrow();

        browser.findElement(By.cssSelector("#hits li.hit[data-id='" + summit.id() + "'] h3 a")).click();
        WebElement view = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("article-view")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !view.findElements(By.tagName("h1")).isEmpty());

        assertThat(view.findElement(By.tagName("h1")).getText()).isEqualTo(summit.title());
        assertThat(browser.findElement(By.id("results-view")).isDisplayed()).as("the article replaces the results")
                .isFalse();
        assertThat(browser.getCurrentUrl()).contains("article=" + summit.id());
        assertThat(view.findElements(By.cssSelector(".body .entity-PERSON"))).extracting(WebElement::getText)
                .containsExactly("Keir Starmer", "Emmanuel Macron");
        assertThat(view.findElements(By.cssSelector(".body .entity-LOCATION"))).extracting(WebElement::getText)
                .containsExactly("Paris");
        assertThat(view.findElement(By.cssSelector(".body")).getText()).isEqualTo(summit.body());
        assertThat(view.findElements(By.cssSelector(".related li"))).isNotEmpty();
        assertThat(view.findElement(By.cssSelector(".meta")).getText()).contains("Example News").contains("Jane Doe");
        screenshot("06-article");

        browser.navigate().back();
        awaitSummary("18 articles");
        assertThat(browser.findElement(By.id("article-view")).isDisplayed()).isFalse();
    }

    @Test
    @Order(7)
    void anArticleLeadsToItsStoryAndToItsOriginal() throws Exception {
        ArticleEnriched paris = articles.stream().filter(a -> a.url().endsWith("/paris-2")).findFirst().orElseThrow();
        ArticleEnriched copy = articles.stream().filter(a -> a.url().endsWith("/summit-1")).findFirst().orElseThrow();
        open("/");
        awaitSummary("18 articles");
        assertThat(browser.findElement(By.cssSelector("button[data-facet='story']")).getText())
                .as("a story is listed by its label").startsWith("Macron hosts European leaders, round 0").endsWith("3");

        open("/?article=" + paris.id());
        WebElement story = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".story-links a[data-story]")));
        assertThat(story.getText()).isEqualTo("Macron hosts European leaders, round 0 · 3 articles");

        story.click();
        awaitSummary("3 articles");
        assertThat(browser.findElements(By.cssSelector("#hits li.hit h3 a"))).extracting(WebElement::getText)
                .allSatisfy(title -> assertThat(title).startsWith("Macron hosts European leaders"));
        assertThat(browser.findElement(By.id("filters")).getText()).contains("Story: Macron hosts European leaders");
        screenshot("07-story");

        open("/?article=" + copy.id());
        WebElement original = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".story-links a[data-original]")));
        assertThat(original.getText()).isEqualTo("Starmer and Macron agree on defence pact 0");
        original.click();
        // the view is rebuilt for the original: an element read while it is replaced is read again
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#article-view h1")).getText()
                        .equals("Starmer and Macron agree on defence pact 0"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(".story-links")).getText()
                        .contains("Republished 1 time by other sources"));
    }

    @Test
    @Order(8)
    void hostileTextIsShownAsTextAndRunsNothing() throws Exception {
        ArticleEnriched hostile = articles.stream().filter(a -> a.title().equals(NewsroomFixture.HOSTILE_TITLE))
                .findFirst().orElseThrow();
        open("/?q=Hostile");
        awaitSummary("1 article");
        assertThat(browser.findElement(By.cssSelector("#hits li.hit h3 a")).getText())
                .isEqualTo(NewsroomFixture.HOSTILE_TITLE);

        open("/?article=" + hostile.id());
        WebElement title = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
        assertThat(title.getText()).isEqualTo(NewsroomFixture.HOSTILE_TITLE);
        assertThat(browser.findElement(By.cssSelector("#article-view .body")).getText())
                .isEqualTo(NewsroomFixture.HOSTILE_BODY);
        assertThat(browser.findElements(By.cssSelector("img[src='x'], #article-view script, #hits script, b[onmouseover]")))
                .as("no element was made from the article's text").isEmpty();
        assertThat(browser.getTitle()).as("the payload would set it to 'pwned'")
                .isEqualTo(NewsroomFixture.HOSTILE_TITLE + " — Newsflow");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("07-hostile");
    }

    @Test
    @Order(9)
    void articlesArrivingWhileThePageIsOpenAreAnnounced() throws Exception {
        open("/");
        awaitSummary("18 articles");

        NewsroomFixture.addLate(ALIAS, "late", "Warsaw summit opens");
        WebElement live = new WebDriverWait(browser, Duration.ofSeconds(45))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("live")));
        assertThat(live.getText()).startsWith("1 new");
        screenshot("08-live");
        live.click();
        awaitSummary("19 articles");
        assertThat(browser.findElement(By.cssSelector("#hits li.hit h3 a")).getText()).isEqualTo("Warsaw summit opens");
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void awaitSummary(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBe(By.id("summary"), text));
    }

    private int awaitCountOtherThan(int before) {
        String summary = new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> {
            String text = d.findElement(By.id("summary")).getText();
            return text.matches("\\d+ articles?") && !text.equals(before + " articles") ? text : null;
        });
        return Integer.parseInt(summary.replaceAll("\\D", ""));
    }

    private String facetCount(String facet, String value) {
        return browser.findElement(By.cssSelector("button[data-facet='" + facet + "'][data-value='" + value + "'] .count"))
                .getText();
    }

    private static void screenshot(String name) throws Exception {
        File file = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve("newsroom-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
