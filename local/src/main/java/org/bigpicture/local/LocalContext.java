package org.bigpicture.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda context a local invocation gets: names, a request id and a logger to the function's log. */
final class LocalContext implements Context {

    private final String functionName;
    private final String requestId;
    private final LambdaLogger logger;
    private final long deadline;

    LocalContext(String functionName, String requestId, FunctionLog log, long timeoutMillis) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.deadline = System.currentTimeMillis() + timeoutMillis;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.line(requestId, message);
            }

            @Override
            public void log(byte[] message) {
                log.line(requestId, new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + S3Events.REGION + ":" + LocalTemplate.LOCAL_ACCOUNT + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1769;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
