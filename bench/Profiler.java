import com.sun.tools.attach.VirtualMachine;

/**
 * Starts or stops async-profiler (tools.profiler:async-profiler from Maven Central) inside a
 * running JVM, as its own launcher would: bench/run.sh uses it with PROFILE=1 to profile each
 * scenario without profiling the start-up or the other scenarios.
 * Usage: java bench/Profiler.java PID LIBRARY "start,event=cpu,interval=1ms" | "stop,file=out.html"
 */
public class Profiler {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java bench/Profiler.java PID LIBRARY COMMAND");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
