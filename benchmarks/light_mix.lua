-- The light query mix for wrk: cheap lookups of the kind a catalogue's users send, each
-- about a random entity (so that no server answers from a cache of repeated queries), as
-- GET /sparql?query=… with Accept: application/sparql-results+json. It counts statuses and,
-- when the run ends, prints one JSON line that benchmarks/run.py reads.
--
--   wrk -t2 -c16 -d10s -s benchmarks/light_mix.lua http://127.0.0.1:PORT/sparql -- ENTITIES

local ID = "https://w3id.org/oikg/id/"
local OIKG = "https://w3id.org/oikg/ontology#"
local RDFS = "http://www.w3.org/2000/01/rdf-schema#"

local templates = {
  -- the label of one infrastructure
  "SELECT ?name WHERE { <" .. ID .. "infrastructure/infrastructure-%d> <" .. RDFS .. "label> ?name }",
  -- its host and the host's country
  "SELECT ?host ?country WHERE { <" .. ID .. "infrastructure/infrastructure-%d> <" .. OIKG ..
    "hostedBy> ?host . ?host <" .. OIKG .. "countryCode> ?country }",
  -- does it implement a standard?
  "ASK { <" .. ID .. "infrastructure/infrastructure-%d> <" .. OIKG .. "implements> ?standard }",
  -- its grants with amounts
  "SELECT ?grant ?amount WHERE { ?grant <" .. OIKG .. "awardedTo> <" .. ID ..
    "infrastructure/infrastructure-%d> ; <" .. OIKG .. "amount> ?amount }",
  -- every property of it
  "SELECT ?p ?o WHERE { <" .. ID .. "infrastructure/infrastructure-%d> ?p ?o }",
}

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  entities = tonumber(args[1]) or 1000
  path = wrk.path
  statuses = {}
  counter = 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  counter = counter + 1
  local template = templates[(counter % #templates) + 1]
  local query = string.format(template, math.random(0, entities - 1))
  local headers = { ["Accept"] = "application/sparql-results+json" }
  return wrk.format("GET", path .. "?query=" .. encode(query), headers)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    for status, count in pairs(counted) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f,' ..
    ' "max_ms": %.3f, "socket_errors": %d, "timeouts": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write, errors.timeout,
    table.concat(parts, ", ")))
end
