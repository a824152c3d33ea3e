"""A GitHub API answered in the test: the files of a project, and the commits the editor makes.

Just what Sveltia CMS asks for to sign in with a stored token, read a repository and save
through the editorial workflow (REST: user, repository, collaborator, tree, blob, pull request,
labels; GraphQL: default branch, last commit, file contents and history, createRef,
createCommitOnBranch, open pull requests). Anything else is recorded in `unknown` and answered
404, so that a test can say what was asked.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

USER = {
    "id": 1,
    "login": "editrice",
    "name": "Éditrice de test",
    "email": "editrice@example.org",
    "avatar_url": "",
    "html_url": "https://github.com/editrice",
}
DATE = "2026-01-05T10:00:00Z"


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class FakeGitHub:
    owner: str
    repo: str
    files: dict[str, bytes]
    branch: str = "main"
    head: str = "0" * 39 + "1"
    commits: list[dict] = field(default_factory=list)  # createCommitOnBranch inputs
    branches: dict[str, dict[str, bytes]] = field(default_factory=dict)  # created by the editor
    pulls: list[dict] = field(default_factory=list)  # pull requests opened (POST bodies)
    unknown: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, project: Path, owner_repo: str, under: str = "data") -> FakeGitHub:
        owner, repo = owner_repo.split("/")
        files = {
            p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / under).rglob("*"))
            if p.is_file()
        }
        return cls(owner, repo, files)

    def _by_sha(self) -> dict[str, bytes]:
        return {blob_sha(data): data for data in self.files.values()}

    # -- REST -----------------------------------------------------------------------------
    def rest(self, method: str, path: str, body: dict | None = None) -> tuple[int, object]:
        base = f"/repos/{self.owner}/{self.repo}"
        if path == "/user":
            return 200, USER
        if path.startswith(f"{base}/collaborators/"):
            return 204, None
        if path == base:
            return 200, {
                "name": self.repo,
                "full_name": f"{self.owner}/{self.repo}",
                "default_branch": self.branch,
                "permissions": {"admin": False, "push": True, "pull": True},
            }
        tree = re.fullmatch(rf"{base}/git/trees/[^/]+", path)
        if tree:
            return 200, {
                "sha": self.head,
                "truncated": False,
                "tree": [
                    {"path": p, "type": "blob", "sha": blob_sha(d), "size": len(d)}
                    for p, d in self.files.items()
                ],
            }
        blob = re.fullmatch(rf"{base}/git/blobs/([0-9a-f]+)", path)
        if blob and blob.group(1) in self._by_sha():
            return 200, self._by_sha()[blob.group(1)].decode("utf-8")
        if method == "POST" and path == f"{base}/pulls":
            self.pulls.append(body or {})
            number = len(self.pulls)
            return 201, {
                "number": number,
                "node_id": f"PR_{number}",
                "title": (body or {}).get("title", ""),
                "html_url": f"https://github.com/{self.owner}/{self.repo}/pull/{number}",
                "head": {"sha": self.head, "ref": (body or {}).get("head")},
                "created_at": DATE,
                "updated_at": DATE,
            }
        if method == "POST" and re.fullmatch(rf"{base}/issues/\d+/labels", path):
            return 200, [{"name": label} for label in (body or {}).get("labels", [])]
        self.unknown.append(f"{method} {path}")
        return 404, {"message": "Not Found"}

    # -- GraphQL --------------------------------------------------------------------------
    def graphql(self, body: dict) -> dict:
        query, variables = body.get("query", ""), body.get("variables") or {}
        if "createCommitOnBranch" in query:
            return self._commit(query, variables["input"])
        if "createRef" in query:
            name = variables["input"]["name"].removeprefix("refs/heads/")
            self.branches[name] = dict(self.files)
            return {"createRef": {"ref": {"name": name}}}
        if "fork: repository" in query:  # where a workflow branch starts
            base = {"ref": {"target": {"oid": self.head}}}
            return {"fork": {"id": "R_1"}, "base": base}
        if "defaultBranchRef" in query:
            return {"repository": {"defaultBranchRef": {"name": self.branch}}}
        contents = re.findall(r"(content_\d+): object\(oid: \"([0-9a-f]+)\"\)", query)
        if contents:
            known = self._by_sha()
            return {
                "repository": {
                    alias: {"text": known[sha].decode("utf-8"), "isTruncated": False}
                    if sha in known
                    else None
                    for alias, sha in contents
                }
            }
        statuses = re.findall(r"(commit_\d+):\s*object\(oid:", query)
        if statuses:  # deployments and checks of a commit: none
            return {"repository": {alias: None for alias in statuses}}
        aliases = re.findall(r"((?:commit|history)_\d+):\s*ref\(", query)
        if aliases:
            node = {
                "oid": self.head,
                "author": {
                    "name": USER["name"],
                    "email": USER["email"],
                    "avatarUrl": "",
                    "user": {"id": 1, "login": USER["login"]},
                },
                "committedDate": DATE,
            }
            history = {"target": {"history": {"nodes": [node]}}}
            return {"repository": {alias: history for alias in aliases}}
        if re.search(
            r"ref\(qualifiedName: \$branch\) \{ target \{ \.\.\. on Commit \{ oid \} \} \}", query
        ):
            return {"repository": {"ref": {"target": {"oid": self.head}}}}
        if "pullRequests" in query:  # checks of open pull requests: none
            return {"repository": {"pullRequests": {"nodes": []}}}
        if "history(first: 1)" in query:
            nodes = [{"oid": self.head, "message": "Initial"}]
            return {"repository": {"ref": {"target": {"history": {"nodes": nodes}}}}}
        self.unknown.append("graphql " + " ".join(query.split()))
        return {"repository": None}

    def _commit(self, query: str, commit: dict) -> dict:
        self.commits.append(commit)
        name = commit["branch"]["branchName"]
        files = self.files if name == self.branch else self.branches[name]
        for addition in commit["fileChanges"].get("additions", []):
            files[addition["path"]] = base64.b64decode(addition["contents"])
        for deletion in commit["fileChanges"].get("deletions", []):
            files.pop(deletion["path"], None)
        self.head = hashlib.sha1(json.dumps(commit).encode()).hexdigest()
        answer: dict = {"oid": self.head, "committedDate": DATE}
        for alias, path in re.findall(r"(file_\d+): file\(path: (\"[^\"]*\")\)", query):
            data = files.get(json.loads(path))
            answer[alias] = {"oid": blob_sha(data)} if data is not None else None
        return {"createCommitOnBranch": {"commit": answer}}

    # -- Playwright route -----------------------------------------------------------------
    def answer(self, route) -> None:
        request = route.request
        path = urlsplit(request.url).path
        if path == "/graphql":
            data = self.graphql(json.loads(request.post_data or "{}"))
            route.fulfill(status=200, json={"data": data})
            return
        body = json.loads(request.post_data) if request.post_data else None
        status, payload = self.rest(request.method, path, body)
        if status == 204:
            route.fulfill(status=204, body="")
        elif isinstance(payload, str):
            route.fulfill(status=status, body=payload, content_type="application/octet-stream")
        else:
            route.fulfill(status=status, json=payload)
