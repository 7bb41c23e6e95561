package dialtone.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Allure's {@code executor.json}: who ran the suite. On a CI server (GitHub Actions, Jenkins,
 * GitLab) it names the build and links to it, from the variables the server sets; otherwise it
 * is a local run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Executor(String name, String type, String url, String buildOrder, String buildName, String buildUrl, String reportName) {

    static Executor fromEnvironment(Map<String, String> env, String reportName) {
        if ("true".equals(env.get("GITHUB_ACTIONS")) && env.containsKey("GITHUB_REPOSITORY")) {
            String repo = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY");
            String run = env.get("GITHUB_RUN_ID");
            return new Executor("Dialtone", "github", repo, env.get("GITHUB_RUN_NUMBER"),
                    env.getOrDefault("GITHUB_WORKFLOW", "workflow") + " #" + env.getOrDefault("GITHUB_RUN_NUMBER", "?"),
                    run == null ? null : repo + "/actions/runs/" + run, reportName);
        }
        if (env.containsKey("BUILD_URL") && (env.containsKey("JENKINS_URL") || env.containsKey("BUILD_NUMBER"))) {
            String name = env.containsKey("JOB_NAME") ? env.get("JOB_NAME") + " #" + env.getOrDefault("BUILD_NUMBER", "?")
                    : env.getOrDefault("BUILD_TAG", "build " + env.getOrDefault("BUILD_NUMBER", "?"));
            return new Executor("Dialtone", "jenkins", env.get("JENKINS_URL"), env.get("BUILD_NUMBER"), name, env.get("BUILD_URL"), reportName);
        }
        if ("true".equals(env.get("GITLAB_CI"))) {
            return new Executor("Dialtone", "gitlab", env.get("CI_PROJECT_URL"), env.get("CI_PIPELINE_IID"),
                    env.getOrDefault("CI_PROJECT_PATH", "pipeline") + " #" + env.getOrDefault("CI_PIPELINE_IID", "?"),
                    env.getOrDefault("CI_JOB_URL", env.get("CI_PIPELINE_URL")), reportName);
        }
        return new Executor("Dialtone", "local", null, null, reportName + " on " + env.getOrDefault("HOSTNAME", "this machine"), null, reportName);
    }
}
