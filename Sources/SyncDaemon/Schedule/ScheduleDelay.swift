/// The pure delay arithmetic of the scheduler.
public enum ScheduleDelay {
    /// Before the first cycle: only the jitter, so a fresh start syncs promptly
    /// but mappings (and instances started together) do not all fire at once.
    public static func initial(_ schedule: MappingSchedule, random: JitterRandom) -> Duration {
        jitter(schedule.jitter, random: random)
    }

    /// From the end of a cycle to the next start: `interval + jitter·u`, `u` in `[0, 1]`.
    public static func next(_ schedule: MappingSchedule, random: JitterRandom) -> Duration {
        schedule.interval + jitter(schedule.jitter, random: random)
    }

    private static func jitter(_ jitter: Duration, random: JitterRandom) -> Duration {
        let draw = random.next()
        let unit = draw.isFinite ? min(1, max(0, draw)) : 0
        return .clampedSeconds(jitter.seconds * unit)
    }
}
