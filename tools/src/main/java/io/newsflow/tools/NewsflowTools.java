package io.newsflow.tools;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Topics;
import io.newsflow.tools.audit.Audit;
import io.newsflow.tools.audit.Ledger;
import io.newsflow.tools.backfill.BackfillCommand;
import io.newsflow.tools.bench.EndToEndBenchmark;
import io.newsflow.tools.bench.FeedsBenchmark;
import io.newsflow.tools.bench.IngestBenchmark;
import io.newsflow.tools.bench.NewsroomBenchmark;
import io.newsflow.tools.bench.PublishBenchmark;
import io.newsflow.tools.deadletters.DeadLetter;
import io.newsflow.tools.deadletters.DeadLetters;
import io.newsflow.tools.deadletters.Redrive;
import io.newsflow.tools.kafka.TopicReader;
import io.newsflow.tools.offline.EnrichCommand;
import io.newsflow.tools.offline.EnrichmentBenchmark;
import io.newsflow.tools.offline.WarmupBenchmark;
import io.newsflow.tools.offline.EntityBenchmark;
import io.newsflow.tools.offline.ExtractCommand;
import io.newsflow.tools.offline.ExtractionBenchmark;
import io.newsflow.tools.offline.NerEvaluation;
import io.newsflow.tools.subscriptions.FollowCommand;
import io.newsflow.tools.duplicates.DuplicatesBenchmark;
import io.newsflow.tools.subscriptions.MatchingBenchmark;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The one command line behind {@code ./newsflow}'s tools, one picocli subcommand each: for
 * operators ({@code dlt}, {@code audit}, {@code backfill}: they look at a running pipeline through
 * its broker and index, never through the services), offline enrichment ({@code enrich},
 * {@code extract}, {@code ner-eval}) and the benchmarks ({@code bench}, {@code bench-ingest},
 * {@code bench-publish}, {@code bench-newsroom}, {@code bench-feeds}, {@code bench-extraction}, {@code bench-enrichment}, {@code bench-warmup}, {@code bench-entities}).
 */
@Command(name = "newsflow", mixinStandardHelpOptions = true,
        description = "Tools for Newsflow: operations, offline enrichment and benchmarks.",
        subcommands = {NewsflowTools.Dlt.class, NewsflowTools.AuditCommand.class, LagCommand.class, BackfillCommand.class,
                EnrichCommand.class, ExtractCommand.class, NerEvaluation.class, EndToEndBenchmark.Cli.class,
                IngestBenchmark.Cli.class, PublishBenchmark.Cli.class, NewsroomBenchmark.Cli.class, FeedsBenchmark.Cli.class, MatchingBenchmark.class, DuplicatesBenchmark.class, FollowCommand.class, ExtractionBenchmark.class,
                EnrichmentBenchmark.class, WarmupBenchmark.class, EntityBenchmark.class})
public final class NewsflowTools {

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--elasticsearch", defaultValue = "http://127.0.0.1:9200",
            description = "Elasticsearch URL (${DEFAULT-VALUE})")
    String elasticsearch;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line; returns its exit code (0 fine, 1 a finding such as missing articles, 2 usage). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** The same, writing to {@code out} and {@code err}. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new NewsflowTools()).setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true)
                // ./newsflow passes the stack's addresses first; the user's own options come after and win
                .setOverwrittenOptionsAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                    return e instanceof IllegalArgumentException || e instanceof CommandLine.TypeConversionException
                            ? 2 : 1;
                }).execute(args);
    }

    private static final List<String> DEAD_LETTER_TOPICS = List.of("news.raw.dlt", "news.enriched.dlt", Topics.WEBHOOKS_DLT);

    @Command(name = "dlt", mixinStandardHelpOptions = true,
            description = "Dead letters: counts by topic and reason (no subcommand), show them, or put them back.",
            subcommands = {Dlt.Show.class, Dlt.RedriveCommand.class})
    static final class Dlt implements Callable<Integer> {

        @ParentCommand
        NewsflowTools tools;

        @Override
        public Integer call() {
            PrintWriter out = tools.spec.commandLine().getOut();
            try (TopicReader reader = new TopicReader(tools.bootstrap)) {
                DeadLetters deadLetters = new DeadLetters(reader);
                for (String topic : DEAD_LETTER_TOPICS) {
                    List<DeadLetter> letters = deadLetters.read(topic);
                    out.printf("%s: %d dead letter%s%n", topic, letters.size(), letters.size() == 1 ? "" : "s");
                    DeadLetters.byReason(letters).forEach((reason, tally) -> out.printf(
                            "  %-20s %6d   first %s   last %s%n", reason, tally.count(), tally.oldest(), tally.newest()));
                }
            }
            out.println("Reasons: " + String.join(", ", java.util.Arrays.stream(DeadLetterReason.values())
                    .map(DeadLetterReason::code).toList()) + " (see README, Dead letters)");
            return 0;
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = "List dead letters, newest last.")
        static final class Show implements Callable<Integer> {

            @ParentCommand
            Dlt dlt;

            @Option(names = "--topic", defaultValue = "news.enriched.dlt", description = "dead-letter topic (${DEFAULT-VALUE})")
            String topic;

            @Option(names = "--reason", description = "only this reason, e.g. index-rejected")
            String reason;

            @Option(names = "--limit", defaultValue = "20", description = "show at most the last N (${DEFAULT-VALUE})")
            int limit;

            @Option(names = "--value", description = "print each record's value too (the article JSON)")
            boolean value;

            @Override
            public Integer call() {
                PrintWriter out = dlt.tools.spec.commandLine().getOut();
                List<DeadLetter> letters;
                try (TopicReader reader = new TopicReader(dlt.tools.bootstrap)) {
                    letters = new DeadLetters(reader).read(topic).stream()
                            .filter(letter -> reason == null || reason.equals(letter.reason()))
                            .sorted(java.util.Comparator.comparing(DeadLetter::time)).toList();
                }
                for (DeadLetter letter : letters.subList(Math.max(0, letters.size() - limit), letters.size())) {
                    out.printf("%s  %s  %s  from %s-%d@%d  (%s-%d@%d)%n    %s%n", letter.time(), letter.reason(),
                            letter.articleId(), letter.originalTopic(), letter.originalPartition(),
                            letter.originalOffset(), letter.topic(), letter.partition(), letter.offset(), letter.detail());
                    if (value) {
                        byte[] bytes = letter.record().value();
                        out.println("    " + (letter.valueOmitted() ? "(value omitted: too large)"
                                : bytes == null ? "(null)" : new String(bytes, StandardCharsets.UTF_8)));
                    }
                }
                out.printf("%d of %d shown%n", Math.min(limit, letters.size()), letters.size());
                return 0;
            }
        }

        @Command(name = "redrive", mixinStandardHelpOptions = true,
                description = "Put dead letters back on the topic they came from (once the cause is fixed). "
                        + "Remembers its progress per topic and reason, so running it again puts back only newer ones.")
        static final class RedriveCommand implements Callable<Integer> {

            @ParentCommand
            Dlt dlt;

            @Option(names = "--topic", required = true, description = "dead-letter topic, e.g. news.enriched.dlt")
            String topic;

            @Option(names = "--reason", description = "only this reason, e.g. index-rejected")
            String reason;

            @Option(names = "--dry-run", description = "count what would be put back; write nothing")
            boolean dryRun;

            @Override
            public Integer call() throws InterruptedException {
                if (reason != null && DeadLetterReason.ofCode(reason).isEmpty()) {
                    throw new CommandLine.ParameterException(dlt.tools.spec.commandLine(), "unknown reason '" + reason
                            + "'; one of: " + java.util.Arrays.stream(DeadLetterReason.values())
                                    .map(DeadLetterReason::code).toList());
                }
                Redrive.Result result = new Redrive(dlt.tools.bootstrap).run(topic, reason, dryRun);
                PrintWriter out = dlt.tools.spec.commandLine().getOut();
                out.printf("%s%d of %d new dead letters in %s %s%s%n", dryRun ? "would put back " : "put back ",
                        result.redriven(), result.scanned(), topic,
                        reason == null ? "" : "with reason " + reason + " ",
                        result.byTopic().isEmpty() ? "" : "-> " + result.byTopic());
                if (result.otherReason() > 0) {
                    out.printf("  %d with another reason left alone%n", result.otherReason());
                }
                if (result.valueOmitted() > 0) {
                    out.printf("  %d could not be put back: their value was not kept (too large)%n",
                            result.valueOmitted());
                }
                if (!dryRun) {
                    out.printf("  progress saved as consumer group %s%n", result.group());
                }
                return 0;
            }
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Prove completeness: for every article accepted onto news.raw, is it indexed, "
                    + "dead-lettered (and why), still in flight, or missing? Exits 1 if any is missing.")
    static final class AuditCommand implements Callable<Integer> {

        @ParentCommand
        NewsflowTools tools;

        @Option(names = "--since", description = "only posts accepted since: a duration back (90s, 30m, 1h, 2d) "
                + "or an ISO-8601 instant; default: all that news.raw keeps")
        String since;

        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Option(names = "--alias", defaultValue = "news-articles", description = "index alias (${DEFAULT-VALUE})")
        String alias;

        @Override
        public Integer call() throws Exception {
            Instant from = since == null ? null : parseSince(since);
            Ledger.Report report;
            try (RestClient rest = RestClient.builder(HttpHost.create(tools.elasticsearch)).build()) {
                ElasticsearchClient client = new ElasticsearchClient(
                        new RestClientTransport(rest, new Jackson3JsonpMapper(EventJson.mapper())));
                Audit.Names defaults = Audit.Names.defaults();
                report = new Audit(tools.bootstrap, client, new Audit.Names(defaults.rawTopic(),
                        defaults.enrichedTopic(), defaults.rawDlt(), defaults.enrichedDlt(), defaults.enrichGroup(),
                        defaults.publishGroup(), alias)).run(from);
            }
            PrintWriter out = tools.spec.commandLine().getOut();
            if (json) {
                out.println(EventJson.mapper().writeValueAsString(report));
            } else {
                print(out, report, from);
            }
            return report.missing() == 0 ? 0 : 1;
        }

        private static void print(PrintWriter out, Ledger.Report report, Instant from) {
            out.printf("Accepted %s: %d articles (%d posts)%n", from == null ? "(all news.raw keeps)" : "since " + from,
                    report.articles(), report.posts());
            out.printf("  indexed        %8d%s%n", report.indexed(), report.indexedEarlier() == 0 ? ""
                    : "  (" + report.indexedEarlier() + " at an earlier revision: later posts unchanged)");
            out.printf("  dead-lettered  %8d%n", report.deadLetteredTotal());
            report.deadLettered().forEach((reason, count) -> out.printf("    %-20s %6d%n", reason, count));
            long inFlight = report.inFlight().values().stream().mapToLong(Long::longValue).sum();
            out.printf("  in flight      %8d%s%n", inFlight, inFlight == 0 ? "" : "  " + report.inFlight());
            out.printf("  missing        %8d%n", report.missing());
            if (report.missing() > 0) {
                out.println("  missing ids (first 20): " + String.join(" ", report.missingIds()));
            }
        }

        static Instant parseSince(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                String lower = value.trim().toLowerCase(Locale.ROOT);
                Map<String, Duration> units = Map.of("s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1),
                        "h", Duration.ofHours(1), "d", Duration.ofDays(1));
                for (var unit : units.entrySet()) {
                    if (lower.endsWith(unit.getKey()) && lower.length() > 1) {
                        try {
                            long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                            return Instant.now().minus(unit.getValue().multipliedBy(amount));
                        } catch (NumberFormatException e) {
                            break;
                        }
                    }
                }
                throw new IllegalArgumentException("--since takes a duration (90s, 30m, 1h, 2d) or an ISO-8601 instant, not '"
                        + value + "'");
            }
        }
    }
}
