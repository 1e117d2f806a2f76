-- wrk script: cycles through the API requests listed in $PATHS (one path per line); wrk itself
-- reports responses that are not 2xx/3xx and socket errors.
local paths = {}
local counter = 0

init = function(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
  counter = math.random(#paths)
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
