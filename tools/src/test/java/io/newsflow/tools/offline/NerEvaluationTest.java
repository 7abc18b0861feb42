package io.newsflow.tools.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.tools.NewsflowTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NerEvaluationTest {

    @Test
    void writesOneLineOfConllTypedSpansPerText(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.writeString(in, """
                {"id": "a", "text": "Angela Merkel visited Paris with NATO officials."}
                {"id": "b", "text": "nothing here"}
                """);
        assertThat(NewsflowTools.execute("ner-eval", in.toString(), out.toString())).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"id\":\"a\",\"entities\":[")
                .contains("{\"start\":0,\"end\":13,\"type\":\"PER\"", "{\"start\":22,\"end\":27,\"type\":\"LOC\"",
                        "{\"start\":33,\"end\":37,\"type\":\"ORG\"");
        assertThat(lines.get(1)).isEqualTo("{\"id\":\"b\",\"entities\":[]}");
    }
}
