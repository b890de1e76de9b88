package tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks checked: each passes the true fixture chapters and reports each mistake in a wrong one.
 * The fixtures are described in src/test/resources/fixtures/README.md.
 */
class TheCheckerCatchesMistakes {

    private static final Repo REAL = Repo.find();
    private static final Path FIXTURES = REAL.resolve("tutorial/src/test/resources/fixtures");
    private static final Repo FAKE = new Repo(FIXTURES.resolve("repo"));
    private static final List<Chapter> TRUE_CHAPTERS = FAKE.chapters();
    private static final List<Chapter> WRONG_CHAPTER = List.of(Chapter.read(FIXTURES.resolve("wrong/02-two.md")));

    @Test
    void trueChaptersPassEveryCheck() {
        Map<String, String> failures = failures(Stream.of(
                ListingsMatchTheSource.tests(FAKE, TRUE_CHAPTERS, false),
                WhatChangedListsTheRealDifference.tests(FAKE, TRUE_CHAPTERS),
                NamedFilesExist.tests(FAKE, TRUE_CHAPTERS),
                EveryRegionIsQuoted.tests(FAKE, TRUE_CHAPTERS)).flatMap(s -> s));
        assertEquals(Map.of(), failures);
        assertEquals(List.of(), NoLineIsLongerThan120.tooLong(FAKE));
    }

    @Test
    void aListingThatDiffersIsShownAsADiff() {
        Map<String, String> failures = failures(ListingsMatchTheSource.tests(FAKE, WRONG_CHAPTER, false));
        assertEquals(6, failures.size(), failures::toString);
        String differs = failures.get("02-two.md:3 listing step02-two/src/main/java/locallibrary/Hello.java#greet");
        assertTrue(differs.contains("-    return \"Hi, \" + name;\n+    return \"Hello, \" + name;\n"), differs);
        assertTrue(failures.get("02-two.md:10 listing step02-two/src/main/java/locallibrary/Hello.java#nope")
                .contains("has no line with region:nope (its regions: greet)"));
        assertTrue(failures.get("02-two.md:14 listing step02-two/src/main/java/locallibrary/Missing.java")
                .contains("no file step02-two/src/main/java/locallibrary/Missing.java"));
        assertTrue(failures.get("02-two.md:18 listing step02-two/src/main/java/locallibrary/New.java")
                .contains("must be followed, on the very next line, by a fenced code block"));
    }

    @Test
    void aListingWithoutItsCaptionOrWithAWrongOneIsReported() {
        Map<String, String> failures = failures(ListingsMatchTheSource.tests(FAKE, WRONG_CHAPTER, false));
        String wrong = failures.get("02-two.md:27 listing step02-two/src/main/java/locallibrary/Hello.java#greet");
        assertTrue(wrong.startsWith("02-two.md:27 listing step02-two/src/main/java/locallibrary/Hello.java#greet: "
                + "the caption above the listing is wrong: *[step02-two/…/Old.java]"), wrong);
        assertTrue(wrong.contains("must be:\n*[step02-two/…/Hello.java](../step02-two/src/main/java/locallibrary/Hello.java),"
                + " `greet()`:*\n"), wrong);
        assertFalse(wrong.contains("differs"), wrong);
        String missing = failures.get("02-two.md:35 listing step02-two/src/main/java/locallibrary/Count.java#count");
        assertTrue(missing.contains("the listing has no caption\nThe line above <!-- listing: ... --> must be:\n"
                + "*[step02-two/…/Count.java](../step02-two/src/main/java/locallibrary/Count.java), `count()`:*\n"), missing);
        assertTrue(failures.get("02-two.md:3 listing step02-two/src/main/java/locallibrary/Hello.java#greet")
                .contains("the listing has no caption"));
    }

    @Test
    void aCaptionNamesTheMethodsOnlyWhenTheRegionIsMethods() {
        String file = "step05-x/src/main/java/locallibrary/sessions/Session.java";
        assertEquals("*[step05-x/…/sessions/Session.java](../" + file + "), `load()`, `save()`:*",
                Caption.of(file + "#api", List.of("/** Loads. */", "@Override", "public Map<String, Object> load(",
                        "        String key) {", "    return null;", "}", "", "// ...",
                        "synchronized void save() {", "}", "void load(int again) {", "}"), List.of()));
        assertEquals("*[step05-x/…/sessions/Session.java](../" + file + "):*",
                Caption.of(file + "#fields", List.of("private final int a;", "void b() {", "}"), List.of()));
        assertEquals("*[step05-x/…/sessions/Session.java](../" + file + "):*",
                Caption.of(file + "#chain", List.of("HttpHandler chain = new Handler(", "        next);"), List.of()));
        assertEquals("*[step05-x/…/sessions/Session.java](../" + file + "):*",
                Caption.of(file + "#record", List.of("record Decision(String why) {", "}"), List.of()));
        assertEquals("*[step05-x/…/sessions/Session.java](../" + file + "):*", Caption.of(file, List.of("void a() {"), List.of()));
        assertEquals("*[step05-x/…/templates/page.ftlh](../step05-x/src/main/resources/templates/page.ftlh):*",
                Caption.of("step05-x/src/main/resources/templates/page.ftlh#title", List.of("<h1>${title}</h1>"), List.of()));
    }

    @Test
    void aCaptionNamesTheMethodARegionLiesInside() {
        List<String> source = List.of("class Middleware {", "    void handleRequest(Exchange request) {",
                "        if (ready) {", "            // region:inner", "            go();", "            // endregion:inner",
                "        }", "    }", "    // region:field", "    int n;", "    // endregion:field", "}");
        String file = "step02-x/src/main/java/locallibrary/Middleware.java";
        assertEquals("*[step02-x/…/Middleware.java](../" + file + "), in `handleRequest()`:*",
                Caption.of(file + "#inner", List.of("go();"), source));
        assertEquals("*[step02-x/…/Middleware.java](../" + file + "):*",
                Caption.of(file + "#field", List.of("int n;"), source));
    }

    @Test
    void aRegionOpenedTwiceIsShownWithAnElisionInTheFilesOwnSyntax() throws Region.NotFound {
        assertEquals(List.of("int count(int to) {", "    int n = 0;", "    // ...", "    return n;", "}"),
                Region.of(FAKE.root, "step01-one/src/main/java/locallibrary/Count.java#count"));
        assertEquals(List.of("<h1>${title}</h1>", "<#-- ... -->", "<p>${subtitle}</p>"),
                Region.of(FAKE.root, "step01-one/src/main/resources/templates/page.ftlh#title"));
        assertEquals(List.of("PORT=8000", "# ...", "NAME=one"),
                Region.of(FAKE.root, "step01-one/src/main/resources/app.properties#settings"));
    }

    @Test
    void aRegionNoChapterQuotesIsReported() {
        List<Chapter> onlyChapterTwo = List.of(Chapter.read(FAKE.resolve("tutorial/02-two.md")));
        Map<String, String> failures = failures(EveryRegionIsQuoted.tests(FAKE, onlyChapterTwo));
        assertEquals(List.of(
                "step01-one/src/main/java/locallibrary/Count.java region:count is quoted",
                "step01-one/src/main/java/locallibrary/Hello.java region:greet is quoted",
                "step01-one/src/main/java/locallibrary/Hello.java region:body is quoted",
                "step01-one/src/main/resources/app.properties region:settings is quoted",
                "step01-one/src/main/resources/templates/page.ftlh region:title is quoted",
                "step02-two/src/main/java/locallibrary/Count.java region:count is quoted",
                "step02-two/src/main/java/locallibrary/Hello.java region:greet is quoted",
                "step02-two/src/main/resources/app.properties region:settings is quoted",
                "step02-two/src/main/resources/templates/page.ftlh region:title is quoted"),
                List.copyOf(failures.keySet()));
        assertTrue(failures.get("step02-two/src/main/java/locallibrary/Hello.java region:greet is quoted").contains(
                "no chapter quotes region:greet of step02-two/src/main/java/locallibrary/Hello.java: quote it"
                        + " (<!-- listing: step02-two/src/main/java/locallibrary/Hello.java#greet -->)"
                        + " or remove its markers"));
    }

    @Test
    void aLineLongerThan120IsReportedWithItsFileAndLine() {
        Repo wide = new Repo(FIXTURES.resolve("long-lines"));
        assertEquals(List.of("step01-wide/src/main/java/Wide.java:3 is 121 characters long"),
                NoLineIsLongerThan120.tooLong(wide));
    }

    @Test
    void aWrongWhatChangedListSaysWhatIsMissingAndWhatIsExtra() {
        Map<String, String> failures = failures(WhatChangedListsTheRealDifference.tests(FAKE, WRONG_CHAPTER));
        String message = failures.values().iterator().next();
        assertTrue(message.contains("02-two.md:55: an item must begin with `path` (new|changed|removed)"), message);
        assertTrue(message.contains("missing (changed, but not listed):\n"
                + "- `src/main/java/locallibrary/New.java` (new)\n"
                + "- `src/main/java/locallibrary/Old.java` (removed)\n"), message);
        assertTrue(message.contains("extra (listed, but not what changed):\n- `pom.xml` (changed)\n"), message);
    }

    @Test
    void namesOfThingsThatDoNotExistAreReported() {
        Map<String, String> failures = failures(NamedFilesExist.tests(FAKE, WRONG_CHAPTER));
        assertEquals(List.of(
                "02-two.md:44 `step03-three` exists",
                "02-two.md:44 `src/main/java/locallibrary/Gone.java` exists",
                "02-two.md:44 `src/main/java/locallibrary/Old.java` exists",
                "02-two.md:26 link ../step02-two/src/main/java/locallibrary/Old.java",
                "02-two.md:45 link nowhere.md",
                "02-two.md:48 -pl step03-three"), List.copyOf(failures.keySet()));
    }

    @Test
    void updateModeRewritesAListingFromTheSource(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(FIXTURES.resolve("wrong/02-two.md"), dir.resolve("02-two.md"));
        failures(ListingsMatchTheSource.tests(FAKE, List.of(Chapter.read(copy)), true));
        Map<String, String> failures = failures(ListingsMatchTheSource.tests(FAKE, List.of(Chapter.read(copy)), false));
        assertEquals(3, failures.size(), "only the listings without a source (or a block) are left: " + failures);
        String updated = Files.readString(copy);
        assertTrue(updated.startsWith("# 2. Two, wrong in every way\n\n"
                + "*[step02-two/…/Hello.java](../step02-two/src/main/java/locallibrary/Hello.java), `greet()`:*\n"
                + "<!-- listing: step02-two/src/main/java/locallibrary/Hello.java#greet -->\n"
                + "```java\npublic String greet(String name) {\n    return \"Hi, \" + name;\n}\n```"), updated);
        assertTrue(updated.contains("\n\n*[step02-two/…/Hello.java](../step02-two/src/main/java/locallibrary/Hello.java),"
                + " `greet()`:*\n<!-- listing"), updated);
        assertTrue(updated.contains("Its method, without a caption:\n\n"
                + "*[step02-two/…/Count.java](../step02-two/src/main/java/locallibrary/Count.java), `count()`:*\n"
                + "<!-- listing: step02-two/src/main/java/locallibrary/Count.java#count -->\n"), updated);
        assertFalse(updated.contains("Old.java]"), updated);
    }

    @Test
    void normalisingBlotsOutWhatDiffersBetweenRuns() {
        String key = "abcdefghijklmnopqrstuvwxyz012345";
        List<String> run = List.of(
                "\u001B[0mStarting development server at http://127.0.0.1:41234/  ",
                "[25/Nov/2026 09:39:00] \"GET / HTTP/1.1\" 200 1484\r",
                "Date: Tue, 08 Dec 2026 01:06:59 GMT",
                "Content-Length: 1484",
                "Set-Cookie: sessionid=" + key + "; expires=Tue, 08-Dec-2026 01:06:59 GMT",
                "Cookie: sessionid=" + key + "; other=zyxwvutsrqponmlkjihgfedcba543210",
                "eyJhIjoxfQ:1tKxyz:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
                "expire_date: 2026-12-09 01:06:59.123456",
                "User-Agent: curl/7.88.1",
                "Started server-2 at http://127.0.0.1:41235/ (pid 40321)",
                "server-2 | [25/Nov/2026 09:39:00] \"GET /visit HTTP/1.1\" 200 13",
                "");
        assertEquals(List.of(
                "Starting development server at http://127.0.0.1:8000/",
                "[<date>] \"GET / HTTP/1.1\" 200 <n>",
                "Date: <date>",
                "Content-Length: <n>",
                "Set-Cookie: sessionid=<key1>; expires=<date>",
                "Cookie: sessionid=<key1>; other=<key2>",
                "<signed>",
                "expire_date: <datetime>",
                "User-Agent: curl/<version>",
                "Started server-2 at http://127.0.0.1:8000/ (pid <pid>)",
                "server-2 | [<date>] \"GET /visit HTTP/1.1\" 200 <n>"), Normalise.transcript(run));
    }

    @Test
    void quotedRunsOfTheRealStep01AreTrueWhenFollowedInOrder() {
        List<Chapter> chapter = List.of(Chapter.read(FIXTURES.resolve("output/01-stateless.md")));
        assertEquals(Map.of(), failures(ChaptersHoldInOrder.tests(REAL, chapter, false)));
    }

    @Test
    void aWrongQuotedRunIsReportedAndUpdateModeMakesItTrue(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(FIXTURES.resolve("output-wrong/01-stateless.md"), dir.resolve("01-stateless.md"));
        String failure = failures(ChaptersHoldInOrder.tests(REAL, List.of(Chapter.read(copy)), false))
                .values().iterator().next();
        assertTrue(failure.contains("01-stateless.md:9: the quoted output of step01-stateless"), failure);
        assertTrue(failure.contains("-HTTP/1.1 404 Not Found\n+HTTP/1.1 200 OK\n"), failure);

        failures(ChaptersHoldInOrder.tests(REAL, List.of(Chapter.read(copy)), true));
        String updated = Files.readString(copy);
        assertTrue(updated.contains("$ curl -s -D - -o /dev/null http://127.0.0.1:8000/\nHTTP/1.1 200 OK\n"), updated);
        assertEquals(Map.of(), failures(ChaptersHoldInOrder.tests(REAL, List.of(Chapter.read(copy)), false)));
    }

    @Test
    void anOutputThatHoldsOnlyOnAFreshServerIsReportedAndUpdateModeMakesItTrue(@TempDir Path dir)
            throws IOException {
        Path copy = Files.copy(FIXTURES.resolve("output-fresh-only/01-stateless.md"), dir.resolve("01-stateless.md"));
        Map<String, String> failures = failures(ChaptersHoldInOrder.tests(REAL, List.of(Chapter.read(copy)), false));
        String failure = failures.get("01-stateless.md followed in order");
        assertTrue(failure.contains("01-stateless.md:18: ") && !failure.contains("01-stateless.md:12: "),
                "only the second request's block is wrong: " + failure);
        assertTrue(failure.contains("-  <p id=\"num-requests\">This page has been requested 1 time\n")
                && failure.contains("+  <p id=\"num-requests\">This page has been requested 2 times\n"), failure);

        failures(ChaptersHoldInOrder.tests(REAL, List.of(Chapter.read(copy)), true));
        assertTrue(Files.readString(copy).contains("requested 2 times"));
        assertEquals(Map.of(), failures(ChaptersHoldInOrder.tests(REAL, List.of(Chapter.read(copy)), false)));
    }

    @Test
    void aFlagThatOnlyTheHiddenCommentNamesIsReported() {
        List<Chapter> chapter = List.of(Chapter.read(FIXTURES.resolve("output-hidden-flag/02-cookie-id.md")));
        String failure = failures(ChaptersHoldInOrder.tests(REAL, chapter, false))
                .get("02-cookie-id.md followed in order");
        assertTrue(failure.contains("02-cookie-id.md:11: the comment says <!-- output: step02-cookie-id"
                + " -DSESSION_COOKIE_AGE=60 --> but the server a reader has running is the last one the chapter"
                + " visibly starts: step02-cookie-id."), failure);
    }

    @Test
    void aSettingOfDjangosDictsIsAFlagOfTheServerToo() {
        ChaptersHoldInOrder.Server server = ChaptersHoldInOrder.Server.of("mvn -q -pl step07-many-servers compile"
                + " exec:java -DSESSION_ENGINE=cached_db -DDATABASES.default.PORT=5433"
                + " -DCACHES.default.LOCATION=redis://127.0.0.1:6380/0");
        assertEquals("step07-many-servers", server.step());
        assertEquals(List.of("-DSESSION_ENGINE=cached_db", "-DDATABASES.default.PORT=5433",
                "-DCACHES.default.LOCATION=redis://127.0.0.1:6380/0"), server.settings());
    }

    @Test
    void aReplaysServicesRunOnPortsOfItsOwnAndItsOutputShowsTheChaptersPorts(@TempDir Path tmp) throws Exception {
        try (Services services = Services.forReplay(REAL, tmp)) {
            String pg = services.environment().get("PGPORT");
            String redis = services.environment().get("REDIS_PORT");
            assertFalse(pg.equals("5433") || redis.equals("6380") || pg.equals(redis), pg + " " + redis);
            assertEquals(List.of("-DDATABASES.default.PORT=" + pg, "-DCACHES.default.LOCATION=redis://127.0.0.1:"
                    + redis + "/0"), services.settings(List.of("-DDATABASES.default.PORT=5433",
                    "-DCACHES.default.LOCATION=redis://127.0.0.1:6380/0")));
            assertEquals("redis-cli -p " + redis + " ping", services.command("redis-cli -p 6380 ping"));
            assertEquals(tmp.toString(), services.environment().get("TMPDIR"));
            assertEquals(List.of("PostgreSQL on port 5433", "Redis on port 6380 (port 16380 is not ours)"),
                    services.unlocalise(List.of("PostgreSQL on port " + pg,
                            "Redis on port " + redis + " (port 16380 is not ours)")));
        }
    }

    @Test
    void aReplayHasATmpOfItsOwnAndShowsItAsTmp(@TempDir Path tmp) {
        ChaptersHoldInOrder.Local local = new ChaptersHoldInOrder.Local(tmp, null);
        assertEquals("mkdir -p " + tmp + "/sessions-server-1 " + tmp + " && ls " + tmp + "/sessions; ls ~/tmp ./tmp",
                local.command("mkdir -p /tmp/sessions-server-1 /tmp && ls /tmp/sessions; ls ~/tmp ./tmp"));
        assertEquals(List.of("-DSESSION_FILE_PATH=" + tmp + "/sessions-{server}"),
                local.settings(List.of("-DSESSION_FILE_PATH=/tmp/sessions-{server}")));
        assertEquals(List.of("Error: The session storage path /tmp/sessions doesn't exist."),
                local.unlocalise(List.of("Error: The session storage path " + tmp + "/sessions doesn't exist.")));
    }

    @Test
    void pkillAndPgrepInAReplayLookOnlyAmongTheServersOwnChildren() {
        assertEquals("pkill -P 4242 -KILL -f server.name=server-2; echo $(pgrep -P 4242 -f server-1) | grep -c x",
                ChaptersHoldInOrder.confined("pkill -KILL -f server.name=server-2; echo $(pgrep -f server-1)"
                        + " | grep -c x", 4242));
    }

    @Test
    void aBlockNeedsTheServicesWhenItRunsTheScriptOrAServerPointedAtThem() {
        Chapter.Block script = new Chapter.Block(0, 2, "console", List.of("$ step07-many-servers/services start"));
        Chapter.Block curl = new Chapter.Block(1, 6, "console", List.of("$ curl -s http://127.0.0.1:8000/"));
        assertTrue(Services.needed(new Chapter.Marker(1, "step07-many-servers", script)));
        assertTrue(Services.needed(new Chapter.Marker(5, "step07-many-servers -DCACHES.default.LOCATION=x", curl)));
        assertFalse(Services.needed(new Chapter.Marker(5, "step07-many-servers -DSESSION_ENGINE=cache", curl)));
    }

    @Test
    void missingPostgresqlOrRedisIsNamedWithThePackagesToInstall(@TempDir Path empty) {
        String reason = Services.missing("", empty).orElseThrow();
        assertTrue(reason.contains("redis-server") && reason.contains("pg_ctl")
                && reason.contains("sudo apt-get install postgresql redis-server"), reason);
    }

    /** Runs the dynamic tests here and now: display name → failure message, for those that failed, in order. */
    private static Map<String, String> failures(Stream<org.junit.jupiter.api.DynamicTest> tests) {
        Map<String, String> failures = new LinkedHashMap<>();
        tests.forEach(test -> {
            try {
                test.getExecutable().execute();
            } catch (Throwable e) {
                failures.put(test.getDisplayName(), String.valueOf(e.getMessage()));
            }
        });
        return failures;
    }
}
