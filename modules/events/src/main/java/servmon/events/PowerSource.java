package servmon.events;

/** Where a power figure came from, best first. */
public enum PowerSource {
    /** Wall power from the baseboard management controller (IPMI DCMI, Redfish). */
    BMC,
    /** An ACPI power meter or other hwmon power*_input sensor. */
    HWMON,
    /** Intel/AMD RAPL: CPU package and DRAM only, so it reads lower than the wall. */
    RAPL,
    /** A model from CPU load (idle + (max - idle) x load); no sensor was readable. */
    ESTIMATE
}
