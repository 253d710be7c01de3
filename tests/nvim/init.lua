-- Neovim (0.7+, headless) as a real third-party LSP client of the cohort-webhooks server.
--
--   FTL_PY=/path/to/python nvim --headless --clean -u tests/nvim/init.lua TEMPLATE.ftl
--
-- Opens TEMPLATE (the seed payload template), starts `$FTL_PY -m lsp --stdio`, waits for the
-- diagnostics, then types `${input.` on a new last line and `${user.` inside the user list,
-- asks for completion after each, and prints what came back:
--   DIAG <line> <severity> <code> <message>     (0-based line, 1 = error ... 4 = hint)
--   COMPLETION input <labels, comma-separated>
--   COMPLETION user <labels>
--   E2E OK  (exit 0)  or  E2E FAIL: <why>  (exit 1)
-- Every wait is bounded; the pytest wrapper (tests/test_nvim_e2e.py) adds a process timeout.

local function log(s) io.stdout:write(s .. "\n") end
local function fail(msg)
  log("E2E FAIL: " .. msg)
  vim.cmd("cquit 1")
end

vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  pattern = { "*.ftl", "*.ftlh" },
  command = "setfiletype ftl",
})

local function labels_of(res)
  local labels = {}
  for _, r in pairs(res or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
  end
  return labels
end

local function has_all(list, wanted)
  local set = {}
  for _, v in ipairs(list) do set[v] = true end
  for _, w in ipairs(wanted) do
    if not set[w] then return false, w end
  end
  return true
end

-- Put `text` on a new line after line `after` (0-based) and ask for completion at its end.
local function complete_after(bufnr, after, text)
  vim.api.nvim_buf_set_lines(bufnr, after + 1, after + 1, false, { text })
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = after + 1, character = #text },
    context = { triggerKind = 2, triggerCharacter = "." },
  }
  local res, err = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, 10000)
  if not res then return nil, tostring(err) end
  return labels_of(res)
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  log("filetype=" .. vim.bo[bufnr].filetype)
  local client_id = vim.lsp.start_client({
    name = "cohort-webhooks",
    cmd = { os.getenv("FTL_PY") or "python3", "-m", "lsp", "--stdio" },
    root_dir = vim.fn.getcwd(),
    get_language_id = function() return "cohort-ftl" end,
    init_options = { schemaFile = vim.NIL, jsonOutputCheck = true },
    flags = { debounce_text_changes = 0 },
  })
  if not client_id then return fail("start_client returned nil") end
  vim.lsp.buf_attach_client(bufnr, client_id)
  if not vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 20) then
    return fail("the server did not initialize")
  end

  -- 1. diagnostics of the seed as it is: the unescaped user_id
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  local diags = vim.diagnostic.get(bufnr)
  local user_id_warning = false
  for _, d in ipairs(diags) do
    log(string.format("DIAG %d %d %s %s", d.lnum, d.severity, tostring(d.code),
      (d.message:gsub("\n", " "))))
    if d.severity == vim.diagnostic.severity.WARN and d.message:find("user_id", 1, true) then
      user_id_warning = true
    end
  end
  if not user_id_warning then return fail("no warning naming user_id") end

  -- 2. completion after `${input.` on a new last line (nothing after the dot)
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  local labels, err = complete_after(bufnr, last, "${input.")
  if not labels then return fail("completion after ${input. failed: " .. err) end
  log("COMPLETION input " .. table.concat(labels, ","))
  local ok, missing = has_all(labels,
    { "cohort_name", "cohort_id", "in_cohort", "computed_time", "message_id", "users" })
  if not ok then return fail("input completion lacks " .. missing) end

  -- 3. completion after `${user.` inside <#list input.users as user>
  local list_line
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find("<#list", 1, true) then list_line = i - 1 end
  end
  if not list_line then return fail("no <#list> in the template") end
  labels, err = complete_after(bufnr, list_line, "      ${user.")
  if not labels then return fail("completion after ${user. failed: " .. err) end
  log("COMPLETION user " .. table.concat(labels, ","))
  ok, missing = has_all(labels, { "user_id", "user_properties" })
  if not ok then return fail("user completion lacks " .. missing) end

  log("E2E OK")
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  vim.cmd("qa!")
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local ok, err = pcall(run)
    if not ok then fail("lua error: " .. tostring(err)) end
  end,
})
