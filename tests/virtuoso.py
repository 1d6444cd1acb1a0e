"""A throwaway Virtuoso server for the remote-store tests (Debian's ``virtuoso-opensource`` 7.2).

:class:`Virtuoso` writes a ``virtuoso.ini`` into a temporary directory (database, log and lock
files there; SQL and HTTP on free loopback ports; ``ResultSetMaxRows`` raised so results are not
silently truncated), runs ``virtuoso-t +configfile virtuoso.ini +foreground`` in the background
and waits until ``/sparql`` answers. A fresh database's DBA is ``dba``/``dba``; updates go to
``/sparql-auth`` with HTTP digest auth. By hand::

    python -c "from tests.virtuoso import Virtuoso; v = Virtuoso('/tmp/v'); v.start(); print(v.sparql_url)"
    ...
    kill -TERM <pid>      # or v.stop()

``stop()`` sends SIGTERM and waits (~2 s); ``start()`` again reopens the same database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from serverprocess import ServerProcess, free_port

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
SHARE = Path("/usr/share/virtuoso-opensource-7")
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")
DBA_USER = "dba"
DBA_PASSWORD = "dba"


def available() -> bool:
    return shutil.which(VIRTUOSO) is not None


INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {d}, {share}/vad
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
VADInstallDir            = {share}/vad/
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxQueryMem              = 500M
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {vsp}
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
DefaultMailServer           = localhost:25
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
MaxCachedProxyConnections   = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[Replication]
ServerName   = db
ServerEnable = 1
QueueMax     = 50000

[Zero Config]
ServerName = virtuoso-kg-test

[URIQA]
DynamicLocal = 0
DefaultHost  = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 120
DeferInferenceRulesInit    = 0
"""


class Virtuoso(ServerProcess):
    """One Virtuoso server on loopback ports, its database in ``directory``."""

    kind = "virtuoso"
    name = VIRTUOSO
    stdout_name, log_name = "stdout.log", "virtuoso.log"
    poll_interval = 0.3

    def __init__(self, directory, *, sql_port: int | None = None, http_port: int | None = None,
                 max_rows: int = 1_000_000):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.sql_port = sql_port or free_port()
        self.http_port = http_port or free_port()
        self.ini = self.directory / "virtuoso.ini"
        self.ini.write_text(INI.format(d=self.directory, sql_port=self.sql_port, http_port=self.http_port,
                                       share=SHARE, vsp=VSP, max_rows=max_rows), encoding="utf-8")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        return f"{self.base_url}/sparql"

    def command(self) -> list[str]:
        return [VIRTUOSO, "+configfile", str(self.ini), "+foreground"]

    def start(self, timeout: float = 90) -> Virtuoso:
        return super().start(timeout)

    def isql(self, sql: str) -> str:
        """Run SQL through ``isql-vt`` as the DBA; returns its output (raises on an error)."""
        r = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", DBA_USER, DBA_PASSWORD, "VERBOSE=OFF",
                            "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF", "ERRORS=STDOUT"],
                           input=sql if sql.rstrip().endswith(";") else sql + ";", capture_output=True,
                           text=True, timeout=120, check=False)
        if r.returncode != 0 or "*** Error" in r.stdout:
            raise RuntimeError(f"isql-vt failed ({r.returncode}): {r.stdout}{r.stderr}")
        return r.stdout

    def clear(self, prefix: str | None = None) -> None:
        """Drop every graph the tests may have written (everything under the kg graph namespace), or
        those whose IRI starts with ``prefix``."""
        from kg.namespaces import GRAPH
        self.isql(f"DELETE FROM DB.DBA.RDF_QUAD WHERE ID_TO_IRI(G) LIKE '{prefix or GRAPH}%';")



if __name__ == "__main__":  # pragma: no cover - manual use
    import sys
    import tempfile
    v = Virtuoso(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="kg-virtuoso-"))
    v.start()
    print(f"virtuoso-t pid {v.process.pid}: {v.sparql_url} (SQL port {v.sql_port}, database in {v.directory})")
    print(f"stop it with: kill -TERM {v.process.pid}")
    os._exit(0)
