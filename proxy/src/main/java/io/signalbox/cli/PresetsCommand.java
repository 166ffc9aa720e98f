package io.signalbox.cli;

import io.signalbox.common.Json;
import io.signalbox.profile.Preset;
import io.signalbox.profile.Presets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox presets}: the bundled provider presets. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the provider presets that 'profile add --preset' starts from.")
final class PresetsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    PresetsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (json) {
            ctx.out().println(Json.MAPPER.writeValueAsString(Presets.all()));
            return 0;
        }
        Table t = new Table("PRESET", "NAME", "FORMAT", "AUTH", "BASE URL");
        for (Preset p : Presets.all()) {
            t.row(p.id(), p.displayName(), p.format().id(), p.auth().id(),
                    p.baseUrl().isEmpty() ? "(you give it)" : p.baseUrl());
        }
        t.print(ctx.out());
        ctx.out().println();
        ctx.out().println("Start from one: signalbox profile add NAME --preset PRESET --key-stdin");
        return 0;
    }
}
